package io.graphqlusers.server.execution;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Calls of the methods the direct engine resolves fields with (bean methods, property accessors), made so that the JIT
 * can compile them as it compiles hand-written calls.
 * <p>
 * A {@link MethodHandle} held in a field is not a constant to the JIT: it cannot inline through it, and the lambda
 * forms behind it are shared by every method of the same shape, so every resolver went through the same few shared
 * call sites. Measured with the peers' harness: on a flat page of 100 users the engine was as fast as the
 * hand-registered resolvers it replaced once the JIT had settled (a minute of load), while in the harness's windows
 * (10 s warm-up, 20 s measured), which are also what a newly started replica serves, it was up to a quarter slower
 * on the nested page. {@link LambdaMetafactory} instead spins one small
 * class per method (as javac does for a method reference), whose call site has a single target. A method it cannot
 * take (not public, static, void, more than six parameters)
 * keeps the method handle.
 */
final class Calls {

    private static final Logger LOG = Logger.getLogger(Calls.class);
    private static final int MAX_ARITY = 6;

    @FunctionalInterface
    private interface Call0 {
        Object call(Object target) throws Throwable;
    }

    @FunctionalInterface
    private interface Call1 {
        Object call(Object target, Object a) throws Throwable;
    }

    @FunctionalInterface
    private interface Call2 {
        Object call(Object target, Object a, Object b) throws Throwable;
    }

    @FunctionalInterface
    private interface Call3 {
        Object call(Object target, Object a, Object b, Object c) throws Throwable;
    }

    @FunctionalInterface
    private interface Call4 {
        Object call(Object target, Object a, Object b, Object c, Object d) throws Throwable;
    }

    @FunctionalInterface
    private interface Call5 {
        Object call(Object target, Object a, Object b, Object c, Object d, Object e) throws Throwable;
    }

    @FunctionalInterface
    private interface Call6 {
        Object call(Object target, Object a, Object b, Object c, Object d, Object e, Object f) throws Throwable;
    }

    private static final Class<?>[] SHAPES = { Call0.class, Call1.class, Call2.class, Call3.class, Call4.class,
            Call5.class, Call6.class };

    /** An instance method called with its arguments in an array. */
    static final class Invoker {
        private final Object call;
        private final int arity;
        private final MethodHandle spread;

        private Invoker(Object call, int arity, MethodHandle spread) {
            this.call = call;
            this.arity = arity;
            this.spread = spread;
        }

        Object invoke(Object target, Object[] a) throws Throwable {
            return switch (arity) {
                case 0 -> ((Call0) call).call(target);
                case 1 -> ((Call1) call).call(target, a[0]);
                case 2 -> ((Call2) call).call(target, a[0], a[1]);
                case 3 -> ((Call3) call).call(target, a[0], a[1], a[2]);
                case 4 -> ((Call4) call).call(target, a[0], a[1], a[2], a[3]);
                case 5 -> ((Call5) call).call(target, a[0], a[1], a[2], a[3], a[4]);
                case 6 -> ((Call6) call).call(target, a[0], a[1], a[2], a[3], a[4], a[5]);
                default -> spread.invokeExact(target, a);
            };
        }
    }

    private Calls() {
    }

    static Invoker invoker(Method method) throws IllegalAccessException {
        MethodHandle direct = MethodHandles.publicLookup().unreflect(method);
        int arity = method.getParameterCount();
        Object call = arity <= MAX_ARITY ? spin(SHAPES[arity], method, direct) : null;
        MethodHandle spread = direct.asSpreader(Object[].class, arity)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        return new Invoker(call, call == null ? -1 : arity, spread);
    }

    /**
     * A property accessor (a no-argument instance method, or a public field) as a function of its receiver; what it
     * throws unchecked goes through as it is.
     */
    static Function<Object, Object> accessor(Member member) throws IllegalAccessException {
        Call0 call = null;
        MethodHandle direct;
        if (member instanceof Method method) {
            direct = MethodHandles.publicLookup().unreflect(method);
            call = (Call0) spin(Call0.class, method, direct);
        } else {
            direct = MethodHandles.publicLookup().unreflectGetter((Field) member);
        }
        if (call == null) {
            MethodHandle erased = direct.asType(MethodType.methodType(Object.class, Object.class));
            call = source -> erased.invokeExact(source);
        }
        Call0 resolved = call;
        return source -> {
            try {
                return resolved.call(source);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> each = type; each != null; each = each.getEnclosingClass()) {
            if (!Modifier.isPublic(each.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The method as an instance of {@code shape}, or null when the metafactory cannot make one. */
    private static Object spin(Class<?> shape, Method method, MethodHandle direct) {
        // The generated class lives beside this one and casts to the method's types: they must all be visible here.
        if (!visible(method.getDeclaringClass()) || Modifier.isStatic(method.getModifiers())
                || method.getReturnType() == void.class) {
            return null;
        }
        for (Class<?> parameter : method.getParameterTypes()) {
            if (!parameter.isPrimitive() && !visible(parameter)) {
                return null;
            }
        }
        try {
            int arity = method.getParameterCount();
            MethodType erased = MethodType.methodType(Object.class, Collections.nCopies(arity + 1, Object.class));
            // What the call checks: the receiver's and the arguments' own classes (boxed), any result.
            MethodType instantiated = direct.type().wrap().changeReturnType(Object.class);
            return LambdaMetafactory.metafactory(MethodHandles.lookup(), "call", MethodType.methodType(shape), erased,
                    direct, instantiated).getTarget().invoke();
        } catch (Throwable e) {
            LOG.debugf(e, "No generated call for %s; it is called through a method handle", method);
            return null;
        }
    }
}
