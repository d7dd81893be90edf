package io.graphqlusers.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.graphqlusers.common.config.AppConfig;
import io.smallrye.config.WithDefault;

/**
 * One source for each setting: every {@code app.*} key the application knows ({@link AppConfig}) has its default in
 * {@code application.properties} and nowhere else, profiles override it only where they differ, and the README's
 * configuration table has one row per key with that default, in order.
 */
class ConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+) \\|",
            Pattern.MULTILINE);
    private static final Pattern PROPERTY = Pattern.compile("^(%[a-z]+\\.)?([a-z0-9.-]+)=(.*)$");
    private static final Pattern FIRST_VALUE = Pattern.compile("^`([^`]*)`");

    @Test
    void everySettingHasOneDefaultInThePropertiesAndOneRowInTheReadme() throws IOException {
        Map<String, Boolean> keys = new TreeMap<>(); // key -> optional
        mappingKeys("app", AppConfig.class, keys);

        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String[]> overrides = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher property = PROPERTY.matcher(line);
            if (!property.matches() || !property.group(2).startsWith("app.")) {
                continue;
            }
            String key = property.group(2);
            if (!keys.containsKey(key)) {
                problems.add("application.properties sets " + key + ", which AppConfig does not know");
            } else if (property.group(1) != null) {
                overrides.add(new String[] { property.group(1), key, property.group(3) });
            } else if (defaults.put(key, property.group(3)) != null) {
                problems.add("application.properties sets " + key + " twice");
            }
        }
        keys.forEach((key, optional) -> {
            if (optional && defaults.containsKey(key)) {
                problems.add(key + " is optional but has a default");
            } else if (!optional && !defaults.containsKey(key)) {
                problems.add(key + " has no default in application.properties");
            }
        });
        for (String[] override : overrides) {
            if (override[2].equals(defaults.get(override[1]))) {
                problems.add(override[0] + override[1] + " repeats the default");
            }
        }

        String readme = Files.readString(Path.of("README.md"));
        Matcher row = ROW.matcher(readme);
        List<String> rowKeys = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        while (row.find()) {
            String key = row.group(1);
            rowKeys.add(key);
            if (!row.group(2).equals(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))) {
                problems.add("README: " + key + " has the environment variable " + row.group(2));
            }
            if (!key.startsWith("app.")) {
                continue;
            }
            documented.add(key);
            String cell = row.group(3).trim();
            Matcher value = FIRST_VALUE.matcher(cell);
            if (!keys.containsKey(key)) {
                problems.add("README documents " + key + ", which AppConfig does not know");
            } else if (keys.get(key)) {
                if (!cell.startsWith("none")) {
                    problems.add("README: optional " + key + " should default to none, not " + cell);
                }
            } else if (!value.find() || !value.group(1).equals(defaults.get(key))) {
                problems.add("README: " + key + " defaults to " + cell + ", application.properties to "
                        + defaults.get(key));
            }
        }
        for (String key : keys.keySet()) {
            if (!documented.contains(key)) {
                problems.add("README's configuration table misses " + key);
            }
        }
        List<String> sorted = new ArrayList<>(rowKeys);
        sorted.sort(null);
        if (!sorted.equals(rowKeys)) {
            problems.add("README's configuration table is not sorted by property");
        }
        assertEquals(List.of(), problems);
        assertTrue(keys.size() > 40, "AppConfig read: " + keys.keySet());
    }

    /** The keys of a mapping interface, as SmallRye names them (kebab case), each marked optional or not. */
    private static void mappingKeys(String prefix, Class<?> mapping, Map<String, Boolean> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault()) {
                continue;
            }
            String key = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            assertTrue(method.getAnnotation(WithDefault.class) == null,
                    key + ": defaults belong in application.properties, not in @WithDefault");
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith(AppConfig.class.getName())) {
                mappingKeys(key, type, keys);
            } else {
                keys.put(key, type == Optional.class);
            }
        }
    }
}
