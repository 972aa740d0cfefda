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
//
// FILE is aws-exports.js (an ES module, imported through a data: URL so no
// package.json "type" or loader flag is needed) or a .json file
// (amplifyconfiguration.json or amplify_outputs.json: JSON.parse, which is
// what bundlers do for `import config from './x.json'`).
import { readFile } from 'node:fs/promises';
import { Amplify } from 'aws-amplify';
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

async function configure(file) {
  const config = await load(file);
  const detectedAs = detect(config);
  Amplify.configure(config);
  const resourcesConfig = Amplify.getConfig();
  return { file, detectedAs, assertions: assertions(resourcesConfig.Auth?.Cognito), resourcesConfig };
}

async function main(argv) {
  const mode = argv[0]?.startsWith('--') ? argv[0] : '';
  const files = mode ? argv.slice(1) : argv;
  if (files.length === 0 || (mode !== '--batch' && files.length !== 1) || !['', '--wire', '--batch'].includes(mode)) {
    console.error('usage: node check.mjs [--wire] FILE | --batch FILE...');
    process.exit(2);
  }
  const lines = [];
  if (mode === '--wire') {
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
