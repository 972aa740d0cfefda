#!/usr/bin/env node
// Loads a generated client config exactly as an app would and reports what
// the real aws-amplify v6 library made of it. Used by
// go test ./internal/clientconfig (amplifyjs_test.go).
//
//   node check.mjs FILE          print {detectedAs, assertions, resourcesConfig}
//   node check.mjs --batch FILE… the same, one JSON line per file, from one
//                                node process (Amplify.configure replaces the
//                                whole config each time; saves ~1 s of start-up
//                                per file)
//   node check.mjs --wire FILE   print the Cognito requests signIn() and
//                                fetchAuthSession() send (fetch is stubbed;
//                                nothing leaves the machine)
//   node check.mjs --rest FILE API
//                                print the requests get({apiName: API, path:
//                                '/items'}) sends as a guest, without and with
//                                an Authorization header (fetch is stubbed;
//                                Cognito hands out fake guest credentials)
//   node check.mjs --graphql FILE
//                                print what generateClient() (aws-amplify/data)
//                                built from the file's API.GraphQL: the
//                                functions of each client.models entry, and
//                                the requests Todo-style list() sends with the
//                                default mode (signed out: no request) and
//                                with authMode 'apiKey' (fetch is stubbed)
//
// FILE is aws-exports.js (an ES module, imported through a data: URL so no
// package.json "type" or loader flag is needed) or a .json file
// (amplifyconfiguration.json or amplify_outputs.json: JSON.parse, which is
// what bundlers do for `import config from './x.json'`).
import { readFile } from 'node:fs/promises';
import { Amplify } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';
import {
  assertIdentityPoolIdConfig,
  assertOAuthConfig,
  assertTokenProviderConfig,
  isAmplifyOutputs,
} from '@aws-amplify/core/internals/utils';

async function load(file) {
  const src = await readFile(file, 'utf8');
  if (file.endsWith('.json')) return JSON.parse(src);
  const url = 'data:text/javascript;base64,' + Buffer.from(src).toString('base64');
  return (await import(url)).default;
}

// The same order of checks as @aws-amplify/core's parseAmplifyConfig.
function detect(config) {
  if (Object.keys(config).some(k => k.startsWith('aws_'))) return 'aws-exports';
  if (isAmplifyOutputs(config)) return 'amplify_outputs';
  return 'resources-config';
}

// The library's own assertions, as signIn, signInWithRedirect, signOut and
// fetchAuthSession run them.
function assertions(cognito) {
  const run = fn => {
    try {
      fn(cognito);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e.name };
    }
  };
  return {
    tokenProvider: run(assertTokenProviderConfig),
    oauth: run(assertOAuthConfig),
    identityPool: run(assertIdentityPoolIdConfig),
  };
}

// Records every request and answers it with a Cognito-style error, so the
// library stops after its first call without any network access.
function stubFetch(requests) {
  globalThis.fetch = async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input); // a string or a URL
    const headers = new Headers(init.headers ?? request?.headers);
    let body = {};
    try {
      body = JSON.parse(init.body ?? (request ? await request.clone().text() : '{}'));
    } catch {
      // not JSON: keep {}
    }
    requests.push({
      url,
      target: headers.get('x-amz-target'),
      authFlow: body.AuthFlow,
      clientId: body.ClientId,
      identityPoolId: body.IdentityPoolId,
    });
    return new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'stubbed by check.mjs' }), {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'NotAuthorizedException' },
    });
  };
}

async function wire(config) {
  const requests = [];
  stubFetch(requests);
  Amplify.configure(config);
  const { signIn, fetchAuthSession } = await import('aws-amplify/auth');
  const outcome = async fn => {
    try {
      await fn();
      return 'ok';
    } catch (e) {
      return e.name;
    }
  };
  const signInResult = await outcome(() => signIn({ username: 'a@b.co', password: 'x' }));
  const sessionResult = await outcome(() => fetchAuthSession());
  return { requests, signIn: signInResult, fetchAuthSession: sessionResult };
}

// What the Amplify Gen 2 REST docs tell apps to do with amplify_outputs.json
// (set-up-rest-api): the outputs have no REST section, so the app merges
// custom.API into API.REST. Other configs are passed as they are.
function configureLikeAnApp(config) {
  if (!isAmplifyOutputs(config) || !config.custom?.API) {
    Amplify.configure(config);
    return;
  }
  const cfg = parseAmplifyConfig(config);
  Amplify.configure({ ...cfg, API: { ...cfg.API, REST: config.custom.API } });
}

// Answers Cognito Identity with a guest identity and fake credentials, and
// every other request with 200 {}; records the REST requests.
function stubRestFetch(requests) {
  globalThis.fetch = async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const headers = new Headers(init.headers ?? request?.headers);
    const target = headers.get('x-amz-target');
    const json = body => new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
    if (target === 'AWSCognitoIdentityService.GetId') return json({ IdentityId: 'us-east-1:guest' });
    if (target === 'AWSCognitoIdentityService.GetCredentialsForIdentity') {
      return json({
        IdentityId: 'us-east-1:guest',
        Credentials: { AccessKeyId: 'ASIAFAKEGUEST', SecretKey: 'secret', SessionToken: 'token', Expiration: 4102444800 },
      });
    }
    requests.push({
      url,
      method: init.method ?? request?.method,
      authorization: headers.get('authorization'),
      amzDate: headers.has('x-amz-date'),
      securityToken: headers.get('x-amz-security-token'),
    });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

async function rest(file, apiName) {
  const requests = [];
  stubRestFetch(requests);
  configureLikeAnApp(await load(file));
  const { get } = await import('aws-amplify/api');
  const call = async options => {
    try {
      await get({ apiName, path: '/items', options }).response;
      return 'ok';
    } catch (e) {
      return e.name;
    }
  };
  const iam = await call(undefined);
  const token = await call({ headers: { Authorization: 'user.pool.token' } });
  return { requests, iam, token };
}

// Answers every GraphQL request with an empty page and records it; Cognito
// (the guest credentials fetchAuthSession asks for) gets an error.
function stubGraphQLFetch(requests) {
  globalThis.fetch = async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const headers = new Headers(init.headers ?? request?.headers);
    if (new URL(url).hostname.startsWith('cognito-')) {
      return new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'stubbed by check.mjs' }), {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'NotAuthorizedException' },
      });
    }
    const body = JSON.parse(init.body ?? (request ? await request.clone().text() : '{}'));
    const root = /\{\s*(\w+)/.exec(body.query ?? '')?.[1] ?? 'unknown';
    requests.push({ url, apiKey: headers.get('x-api-key'), authorization: headers.get('authorization'), root });
    return new Response(JSON.stringify({ data: { [root]: { items: [], nextToken: null } } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

async function graphqlClient(file) {
  const requests = [];
  stubGraphQLFetch(requests);
  configureLikeAnApp(await load(file));
  const { generateClient } = await import('aws-amplify/data');
  const client = generateClient();
  const models = {};
  for (const [name, model] of Object.entries(client.models ?? {})) {
    models[name] = Object.keys(model).filter(k => k && typeof model[k] === 'function').sort();
  }
  // One model's list(): with the default mode (userPool, nobody signed in,
  // so the library refuses before sending anything), then with the API key.
  const calls = {};
  const first = Object.keys(client.models ?? {})[0];
  if (first) {
    const outcome = async options => {
      try {
        const r = await client.models[first].list(options);
        return r.errors?.length ? r.errors.map(e => e.errorType ?? e.name ?? e.message).join(',') : 'ok';
      } catch (e) {
        return e.name;
      }
    };
    calls.default = await outcome(undefined);
    calls.apiKey = await outcome({ authMode: 'apiKey' });
  }
  return { models, calls, requests };
}

async function configure(file) {
  const config = await load(file);
  const detectedAs = detect(config);
  configureLikeAnApp(config);
  const resourcesConfig = Amplify.getConfig();
  return { file, detectedAs, assertions: assertions(resourcesConfig.Auth?.Cognito), resourcesConfig };
}

async function main(argv) {
  const mode = argv[0]?.startsWith('--') ? argv[0] : '';
  const files = mode ? argv.slice(1) : argv;
  const want = { '': 1, '--wire': 1, '--rest': 2, '--graphql': 1 }[mode];
  if (files.length === 0 || (mode !== '--batch' && files.length !== want)) {
    console.error('usage: node check.mjs [--wire|--graphql] FILE | --rest FILE API | --batch FILE...');
    process.exit(2);
  }
  const lines = [];
  if (mode === '--graphql') {
    lines.push(await graphqlClient(files[0]));
  } else if (mode === '--rest') {
    lines.push(await rest(files[0], files[1]));
  } else if (mode === '--wire') {
    lines.push(await wire(await load(files[0])));
  } else {
    for (const file of files) lines.push(await configure(file));
  }
  // Exit once the lines are written: the library leaves timers behind (about
  // a second after a failed sign-in) that would otherwise keep node alive.
  process.stdout.write(lines.map(l => JSON.stringify(l)).join('\n') + '\n', () => process.exit(0));
}

main(process.argv.slice(2)).catch(e => {
  console.error(`check.mjs: ${e.name}: ${e.message}`);
  process.exit(1);
});
