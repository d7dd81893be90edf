package io.graphqlusers.server;

import io.graphqlusers.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HttpHardeningTest} against the packaged application (the native executable where one was built). */
@QuarkusIntegrationTest
@WithTestResource(PackagedApp.class)
class HttpHardeningIT extends HttpHardeningTest {
}
