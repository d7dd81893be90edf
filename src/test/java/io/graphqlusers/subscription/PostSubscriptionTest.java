package io.graphqlusers.subscription;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Posts.CreatedPost;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** postCreated and postUpdated over graphql-transport-ws, fed by mutations over HTTP. */
@QuarkusTest
class PostSubscriptionTest {

    private static final String CREATED = "subscription($author: ID) { postCreated(authorId: $author) { title author { name } } }";

    @Test
    void pushesANewPostWithNestedFields() {
        CreatedUser author = Users.aUser().withName("Pushing Author").create();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("1", CREATED, vars("author", author.id())));
            Posts.create(author.login(), "Fresh off the press");
            JsonObject next = ws.next();
            assertEquals(new JsonObject().put("type", "next").put("id", "1").put("payload", new JsonObject()
                    .put("data", new JsonObject().put("postCreated", new JsonObject().put("title", "Fresh off the press")
                            .put("author", new JsonObject().put("name", "Pushing Author"))))),
                    next);
        }
    }

    @Test
    void authorFilterSkipsOtherAuthors() {
        CreatedUser wanted = Users.aUser().create();
        CreatedUser other = Users.aUser().create();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("a", CREATED, vars("author", wanted.id())));
            Posts.create(other.login(), "Not for you");
            Posts.create(wanted.login(), "For you");
            assertEquals("For you", ws.next().getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("postCreated").getString("title"));
            assertNull(ws.poll(Duration.ofMillis(300)));
        }
    }

    @Test
    void pushesUpdatesOfOnePost() {
        GraphQLClient author = Users.aUser().create().login();
        CreatedPost post = Posts.create(author, "Before");
        CreatedPost unrelated = Posts.create(author, "Unrelated");
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("u", "subscription($id: ID) { postUpdated(id: $id) { id title version } }",
                    vars("id", post.id())));
            String update = "mutation($input: UpdatePostInput!) { updatePost(input: $input) { post { id } } }";
            author.execute(update, vars("input", Map.of("id", unrelated.id(), "title", "Ignored")));
            author.execute(update, vars("input", Map.of("id", post.id(), "title", "After")));
            assertEquals(new JsonObject().put("id", post.id()).put("title", "After").put("version", 1),
                    ws.next().getJsonObject("payload").getJsonObject("data").getJsonObject("postUpdated"));
        }
    }

    @Test
    void completeFromTheClientStopsTheSubscription() {
        CreatedUser author = Users.aUser().create();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("c", CREATED, vars("author", author.id())));
            Posts.create(author.login(), "Seen");
            assertEquals("next", ws.next().getString("type"));
            ws.send(new JsonObject().put("type", "complete").put("id", "c"));
            Posts.create(author.login(), "Not seen");
            assertNull(ws.poll(Duration.ofMillis(500)));
        }
    }
}
