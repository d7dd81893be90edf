package io.graphqlusers.post;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every access path the API offers has an index: the statements PostService and UserService issue, explained with
 * sequential scans and sorts discouraged, use the index named for them. (Test tables are too small for the planner to prefer
 * an index on its own.)
 */
@QuarkusTest
class PostIndexTest {

    @Inject
    Database database;

    @Test
    void everyAccessPathHasItsIndex() {
        Map<String, String> paths = Map.of(
                "select * from posts p where (p.created_at, p.id) > (now(), 1) order by p.created_at, p.id limit 21",
                "posts_created_at_id_idx",
                "select * from posts p where (p.title, p.id) > ('a', 1) order by p.title, p.id limit 21",
                "posts_title_id_idx",
                "select * from posts p where p.author_id = 1 order by p.created_at, p.id limit 21",
                "posts_author_created_at_id_idx",
                "select * from posts p where p.author_id = 1 order by p.title desc, p.id desc limit 21",
                "posts_author_title_id_idx",
                "select * from posts p where p.title ilike '%needle%'", "posts_title_trgm_idx",
                "select * from users where (name, id) > ('a', 1) order by name, id limit 21", "users_name_id_idx",
                "select * from users where (created_at, id) > (now(), 1) order by created_at, id limit 21",
                "users_created_at_id_idx",
                "select * from users where name ilike '%needle%'", "users_name_trgm_idx",
                "select * from users where email ilike '%needle%'", "users_email_trgm_idx",
                "select * from users where email = 'a@example.com'", "users_email_key");
        paths.forEach((sql, index) -> assertThat(sql, database.explainPreferringIndexes(sql), containsString(index)));
    }

    @Test
    void postsOfManyAuthorsWalkTheAuthorIndexOncePerAuthor() {
        String plan = database.explainPreferringIndexes("select p.* from unnest(array[1, 2, 3]::bigint[]) a(id) "
                + "cross join lateral (select * from posts p where p.author_id = a.id order by p.created_at, p.id limit 6) p");
        assertThat(plan, plan, containsString("posts_author_created_at_id_idx"));
        assertThat(plan, plan, containsString("Nested Loop"));
    }
}
