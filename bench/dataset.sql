-- The benchmark dataset of shared/bench/dataset.md, in graphql-users' own tables (Flyway's schema): 10,000 users and
-- 100,000 posts, every value a function of generate_series, so every run seeds byte-identical data. Seeded users get
-- the password hash '!', which no password matches (they never log in). Used by bench/run.sh and bench/cache/run.sh.
DELETE FROM posts;
DELETE FROM users;
INSERT INTO users (id, name, email, role, password_hash, created_at, updated_at)
SELECT g, 'User ' || g, 'user' || g || '@example.com', CASE WHEN g % 100 = 0 THEN 'ADMIN' ELSE 'USER' END, '!',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, 10000) AS g;
INSERT INTO posts (id, author_id, title, body, created_at, updated_at)
SELECT 10 * (u - 1) + p, u, 'Post ' || p || ' of user ' || u,
       repeat('Lorem ipsum dolor sit amet, post ' || p || '. ', 10),
       timestamptz '2026-02-01 00:00:00+00' + (u * 10 + p) * interval '1 second',
       timestamptz '2026-02-01 00:00:00+00' + (u * 10 + p) * interval '1 second'
FROM generate_series(1, 10000) AS u, generate_series(1, 10) AS p
ORDER BY u, p;
SELECT setval(pg_get_serial_sequence('users', 'id'), 10000);
SELECT setval(pg_get_serial_sequence('posts', 'id'), 100000);
VACUUM ANALYZE users;
VACUUM ANALYZE posts;
