package io.graphqlusers.server;

import io.graphqlusers.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link GeneratedQueriesTest} against the packaged application in the prod profile, so that what packaging changes
 * (reflection, the production configuration) is covered too; fewer documents, on another seed.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedApp.class)
class GeneratedQueriesIT extends GeneratedQueriesTest {

    @Override
    int count() {
        return 1000;
    }

    @Override
    long defaultSeed() {
        return 20261204L;
    }
}
