package io.graphqlusers.server;

import java.util.Map;

import io.graphqlusers.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IntrospectionAccessTest} against the packaged jar with production's own default, which no test changes. */
@QuarkusIntegrationTest
@WithTestResource(IntrospectionAccessIT.ProductionIntrospection.class)
class IntrospectionAccessIT extends IntrospectionAccessTest {

    public static class ProductionIntrospection extends PackagedApp {
        @Override
        protected void adjust(Map<String, String> config) {
            config.remove("app.introspection.roles");
        }
    }
}
