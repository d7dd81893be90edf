// Uses the GraphQL UI (/q/graphql-ui, the GraphiQL that SmallRye bundles) in headless Chromium the way a new user
// does: open it, read the documentation explorer, log in, put the token in the Headers tab, type a query and run it.
// Usage: node ui.mjs <base URL> <screenshot path>. Prints "graphql-ui: N passed, N failed"; exits 1 on any failure.
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = 20_000;
const results = [];

async function check(name, body) {
    try {
        await body();
        results.push([name, null]);
        console.log(`ok    ${name}`);
    } catch (e) {
        results.push([name, e]);
        console.log(`FAIL  ${name}: ${e.message.split('\n')[0]}`);
    }
}

function expect(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

/** The whole text of a CodeMirror editor (what is drawn is only what fits on screen). */
async function editorText(page, selector) {
    return page.locator(`${selector} .CodeMirror`).first().evaluate(editor => editor.CodeMirror.getValue());
}

/** Replaces an editor's content by typing, as a user pastes: no auto-closed brackets or quotes get in the way. */
async function typeInto(page, selector, text) {
    // The Variables and Headers editors share a place; only the one of the selected tab is visible.
    await page.locator(`${selector} .CodeMirror`).filter({ visible: true }).first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
}

async function login() {
    const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
            query: 'mutation { login(input: {email: "admin@example.com", password: "dev-only-password"}) { token } }',
        }),
    });
    const body = await response.json();
    expect(body.data?.login?.token, `login answered ${JSON.stringify(body)}`);
    return body.data.login.token;
}

const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(WAIT);
const problems = [];
page.on('console', message => message.type() === 'error' && problems.push(`console: ${message.text()}`));
page.on('pageerror', error => problems.push(`page error: ${error.message}`));
page.on('response', response => {
    if (response.url().startsWith(`${base}/graphql`) && response.status() >= 400) {
        problems.push(`${response.status()} from ${response.url()}`);
    }
});

try {
    await check('the UI loads and its schema request succeeds, with no error shown', async () => {
        const introspection = page.waitForResponse(response => response.url() === `${base}/graphql`
            && (response.request().postData() || '').includes('__schema'));
        await page.goto(`${base}/q/graphql-ui/`, { waitUntil: 'networkidle', timeout: WAIT });
        const answer = await (await introspection).json();
        expect(!answer.errors, `the schema request answered ${JSON.stringify(answer.errors)}`);
        expect(answer.data?.__schema?.queryType?.name === 'Query', 'the schema request returned no schema');
        await page.locator('.graphiql-query-editor').waitFor();
        const shown = await page.locator('.graphiql-response').innerText();
        expect(!/errors|Content-Type|exceeds the maximum/.test(shown), `the result pane shows: ${shown}`);
        expect(problems.length === 0, problems.join('; '));
    });

    await check('the documentation explorer lists the fields of Query', async () => {
        await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
        const explorer = page.locator('.graphiql-doc-explorer');
        await explorer.getByText('Query', { exact: true }).first().click();
        await explorer.getByText('users', { exact: true }).first().waitFor();
        const text = await explorer.innerText();
        for (const field of ['me', 'node', 'nodes', 'post', 'posts', 'user', 'users']) {
            expect(new RegExp(`^${field}\\b`, 'm').test(text), `the explorer does not list Query.${field}: ${text}`);
        }
    });

    await check('a query typed into the editor, with a token in the Headers tab, shows its answer', async () => {
        const token = await login();
        await page.getByRole('button', { name: 'Headers', exact: true }).click();
        await typeInto(page, '.graphiql-editor-tool', `{"Authorization": "Bearer ${token}"}`);
        await typeInto(page, '.graphiql-query-editor',
            'query FirstUsers {\n  me { name role }\n  users(first: 2, orderBy: {field: NAME}) { totalCount nodes { name } }\n}');
        await page.getByRole('button', { name: /Execute query/ }).click();
        await page.locator('.graphiql-response').getByText('totalCount').first().waitFor();
        const shown = await editorText(page, '.graphiql-response');
        const answer = JSON.parse(shown);
        expect(!answer.errors, `the answer has errors: ${shown}`);
        expect(answer.data.me.name === 'Ada Lovelace' && answer.data.me.role === 'ADMIN', `me is ${shown}`);
        expect(answer.data.users.nodes.length === 2 && answer.data.users.totalCount >= 5, `users is ${shown}`);
        expect(problems.length === 0, problems.join('; '));
    });
} finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(e => console.log(`no screenshot: ${e.message}`));
    await browser.close();
}

const failed = results.filter(([, error]) => error).length;
console.log(`graphql-ui: ${results.length - failed} passed, ${failed} failed (screenshot: ${screenshot})`);
process.exit(failed ? 1 : 0);
