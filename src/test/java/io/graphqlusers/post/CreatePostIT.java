package io.graphqlusers.post;

import io.graphqlusers.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CreatePostTest} against the packaged application (the native executable where one was built). */
@QuarkusIntegrationTest
@WithTestResource(PackagedApp.class)
class CreatePostIT extends CreatePostTest {
}
