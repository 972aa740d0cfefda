#!/usr/bin/env node
// Hands a model introspection document (internal/graphql ModelIntrospection)
// to the real aws-amplify v6 library and reports what generateClient() made
// of it. Used by go test ./internal/graphql (introspection_test.go, codegen_test.go).
//
//   node introspection.mjs FILE
//
// prints one JSON object: {models: {<Model>: [method names]}, requests:
// [{model, query, variables}]}. For every model it calls list() and get()
// with authMode apiKey against a stubbed fetch (nothing leaves the machine;
// apiKey needs no Cognito session), and each index query field with its
// hash key, and records the GraphQL document the library sent, so the tests can check the operation names (listTodos,
// getTodo), selection sets and argument types the library derives from the
// document.
import { readFile } from 'node:fs/promises';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/data';

const file = process.argv[2];
if (!file) {
  console.error('usage: node introspection.mjs FILE');
  process.exit(2);
}
const modelIntrospection = JSON.parse(await readFile(file, 'utf8'));

Amplify.configure({
  API: {
    GraphQL: {
      endpoint: 'https://example0000000000000000.appsync-api.us-east-1.amazonaws.com/graphql',
      region: 'us-east-1',
      defaultAuthMode: 'userPool',
      apiKey: 'da2-fakefakefakefakefakefake',
      modelIntrospection,
    },
  },
});

const requests = [];
let current = '';
globalThis.fetch = async (input, init = {}) => {
  const body = JSON.parse(init.body ?? '{}');
  requests.push({ model: current, query: body.query, variables: body.variables ?? {} });
  // An empty answer shaped like whatever was asked: the root field is the
  // first word after the opening brace of the selection.
  const root = /\{\s*(\w+)/.exec(body.query)?.[1] ?? 'unknown';
  const isList = /\bitems\s*\{/.test(body.query);
  const data = { [root]: isList ? { items: [], nextToken: null } : null };
  return new Response(JSON.stringify({ data }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

const client = generateClient();
const models = {};
for (const [name, model] of Object.entries(client.models ?? {})) {
  models[name] = Object.keys(model).filter(k => k && typeof model[k] === 'function').sort();
  current = name;
  const pk = modelIntrospection.models[name].primaryKeyInfo;
  const key = Object.fromEntries(
    [pk.primaryKeyFieldName, ...pk.sortKeyFieldNames].map(f => [f, 'k-' + f]),
  );
  const results = [
    await model.list({ authMode: 'apiKey' }),
    await model.get(key, { authMode: 'apiKey' }),
  ];
  // Index query fields: called with their hash key only.
  for (const attr of modelIntrospection.models[name].attributes ?? []) {
    const { queryField, fields } = attr.properties ?? {};
    if (attr.type === 'key' && queryField && typeof model[queryField] === 'function') {
      results.push(await model[queryField]({ [fields[0]]: 'k-' + fields[0] }, { authMode: 'apiKey' }));
    }
  }
  for (const r of results) {
    if (r.errors?.length) {
      console.error(name, JSON.stringify(r.errors));
      process.exit(1);
    }
  }
}
console.log(JSON.stringify({ models, requests }));
