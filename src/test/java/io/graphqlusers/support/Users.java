package io.graphqlusers.support;

import static io.graphqlusers.support.GraphQLClient.vars;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.path.json.JsonPath;

/** Builds users through the public API, each with unique values unless told otherwise. */
public final class Users {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    static final String CREATE = """
            mutation Create($input: CreateUserInput!) {
              createUser(input: $input) { user { id name email role version createdAt updatedAt } }
            }
            """;

    /** Every built user has this password unless told otherwise. */
    public static final String PASSWORD = "correct horse battery";

    private String name;
    private String email;
    private String role;
    private String password = PASSWORD;

    private Users() {
        long n = SEQUENCE.incrementAndGet();
        name = "User " + n;
        email = "user" + n + "@example.com";
    }

    public static Users aUser() {
        return new Users();
    }

    /** A value no other test uses, to build names and emails that filters can isolate. */
    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    public Users withName(String name) {
        this.name = name;
        return this;
    }

    public Users withEmail(String email) {
        this.email = email;
        return this;
    }

    public Users withRole(String role) {
        this.role = role;
        return this;
    }

    public Users withPassword(String password) {
        this.password = password;
        return this;
    }

    public CreatedUser create() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("email", email);
        input.put("password", password);
        if (role != null) {
            input.put("role", role);
        }
        JsonPath user = GraphQLClient.admin().execute(CREATE, vars("input", input))
                .extract().jsonPath().setRootPath("data.createUser.user");
        if (user.getString("id") == null) {
            throw new AssertionError("createUser failed for " + input);
        }
        return new CreatedUser(user.getString("id"), user.getString("name"), user.getString("email"),
                user.getString("role"), user.getInt("version"), user.getString("createdAt"), user.getString("updatedAt"),
                password);
    }

    public record CreatedUser(String id, String name, String email, String role, int version, String createdAt,
            String updatedAt, String password) {

        /** A client holding a token this user got from {@code login}, the way a real client does. */
        public GraphQLClient login() {
            String token = GraphQLClient.anonymous().execute(
                    "mutation($input: LoginInput!) { login(input: $input) { token } }",
                    vars("input", Map.of("email", email, "password", password)))
                    .extract().path("data.login.token");
            if (token == null) {
                throw new AssertionError("login failed for " + email);
            }
            return GraphQLClient.withToken(token);
        }

        /** A token for this user minted directly, for tests about the token rather than the login. */
        public GraphQLClient withMintedToken() {
            return GraphQLClient.withToken(TestTokens.valid(id, email, role));
        }
    }
}
