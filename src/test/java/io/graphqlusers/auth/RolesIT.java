package io.graphqlusers.auth;

import io.graphqlusers.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RolesTest} against the packaged application (the native executable where one was built). */
@QuarkusIntegrationTest
@WithTestResource(PackagedApp.class)
class RolesIT extends RolesTest {
}
