// node run.mjs [FILE] executes APPSYNC_JS resolvers against DynamoDB at
// AWS_ENDPOINT_URL (moto in the tests). Input: JSON lines (FILE or stdin),
// one step each; output: one JSON line per step, in order, written as soon
// as the step ends, so a caller can feed the next step from the last answer.
//
// Steps:
//   {"createTable": <CreateTable input>}              → {"ok": true}
//   {"resolver": "/abs/Query.getTodo.js", "typeName": "Query",
//    "fieldName": "getTodo", "table": "Todo-x" (absent: NONE data source),
//    "identity": {"kind": "userPool", "sub", "username", "groups": []}
//              | {"kind": "iam", "userArn", "cognitoIdentityPoolId",
//                 "cognitoIdentityAuthType", "accountId"}
//              | {"kind": "apiKey"},
//    "args": {...}}
//   → {"data", "error": {"type", "message"} | null, "request",
//      "subscriptionFilter", "appendedErrors"}
// The flow is AppSync's unit resolver: request(ctx) → data source →
// response(ctx) with ctx.result or ctx.error; util.error/unauthorized
// abort the handler; runtime.earlyReturn skips the data source and the
// response handler.
import { register } from 'node:module';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import {
  DynamoDBClient, CreateTableCommand, GetItemCommand, PutItemCommand, UpdateItemCommand,
  DeleteItemCommand, QueryCommand, ScanCommand,
} from '@aws-sdk/client-dynamodb';

register('./loader.mjs', import.meta.url);
const { harness, Abort, EarlyReturn, fromItem } = await import('./shim.mjs');

const client = new DynamoDBClient({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION || 'us-east-1',
  maxAttempts: 1,
});

const authTypes = { userPool: 'User Pool Authorization', iam: 'IAM Authorization', apiKey: 'API Key Authorization' };

// identityOf builds ctx.identity as AppSync shows it per authorization type
// (resolver-context-reference-js): user pools with the ID token's claims
// (cognito:groups absent when the user is in no group, as in Cognito
// tokens), IAM with the identity pool fields, API key none.
function identityOf(id) {
  if (id.kind === 'userPool') {
    const claims = { sub: id.sub, 'cognito:username': id.username, token_use: 'id', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_harness' };
    if (id.groups && id.groups.length) claims['cognito:groups'] = id.groups;
    return { sub: id.sub, username: id.username, issuer: claims.iss, claims, sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW', groups: id.groups && id.groups.length ? id.groups : null };
  }
  if (id.kind === 'iam') {
    return { accountId: id.accountId || '', cognitoIdentityPoolId: id.cognitoIdentityPoolId || null,
      cognitoIdentityId: id.cognitoIdentityId || null, cognitoIdentityAuthType: id.cognitoIdentityAuthType || null,
      cognitoIdentityAuthProvider: null, sourceIp: ['127.0.0.1'], username: id.username || 'AROAHARNESS:CognitoIdentityCredentials',
      userArn: id.userArn };
  }
  if (id.kind === 'apiKey') return null;
  throw new Error(`unknown identity kind ${id.kind}`);
}

const modules = new Map();
async function load(file) {
  if (!modules.has(file)) modules.set(file, await import(pathToFileURL(file).href));
  return modules.get(file);
}

const nonEmpty = (o) => (o && Object.keys(o).length ? o : undefined);
const merge = (...xs) => nonEmpty(Object.assign({}, ...xs.filter(Boolean)));
const encodeToken = (k) => (k ? Buffer.from(JSON.stringify(k)).toString('base64') : null);
const decodeToken = (t) => (t ? JSON.parse(Buffer.from(t, 'base64').toString()) : undefined);

// dynamo sends one DynamoDB data source request object (the protocol of
// the AppSync DynamoDB resolver reference) with the SDK and returns what
// AppSync puts in ctx.result.
async function dynamo(table, r) {
  const cond = r.condition || {};
  switch (r.operation) {
    case 'GetItem': {
      const out = await client.send(new GetItemCommand({ TableName: table, Key: r.key, ConsistentRead: r.consistentRead }));
      return fromItem(out.Item);
    }
    case 'PutItem': {
      const Item = { ...r.attributeValues, ...r.key };
      await client.send(new PutItemCommand({ TableName: table, Item, ConditionExpression: cond.expression,
        ExpressionAttributeNames: nonEmpty(cond.expressionNames), ExpressionAttributeValues: nonEmpty(cond.expressionValues) }));
      return fromItem(Item);
    }
    case 'UpdateItem': {
      const out = await client.send(new UpdateItemCommand({ TableName: table, Key: r.key, UpdateExpression: r.update.expression,
        ConditionExpression: cond.expression, ReturnValues: 'ALL_NEW',
        ExpressionAttributeNames: merge(r.update.expressionNames, cond.expressionNames),
        ExpressionAttributeValues: merge(r.update.expressionValues, cond.expressionValues) }));
      return fromItem(out.Attributes);
    }
    case 'DeleteItem': {
      const out = await client.send(new DeleteItemCommand({ TableName: table, Key: r.key, ConditionExpression: cond.expression,
        ReturnValues: 'ALL_OLD', ExpressionAttributeNames: nonEmpty(cond.expressionNames),
        ExpressionAttributeValues: nonEmpty(cond.expressionValues) }));
      return fromItem(out.Attributes);
    }
    case 'Query':
    case 'Scan': {
      const f = r.filter || {};
      const q = r.query || {};
      const input = { TableName: table, IndexName: r.index, Limit: r.limit, ExclusiveStartKey: decodeToken(r.nextToken),
        ConsistentRead: r.consistentRead, FilterExpression: f.expression,
        ExpressionAttributeNames: merge(q.expressionNames, f.expressionNames),
        ExpressionAttributeValues: merge(q.expressionValues, f.expressionValues) };
      let out;
      if (r.operation === 'Query') {
        out = await client.send(new QueryCommand({ ...input, KeyConditionExpression: q.expression, ScanIndexForward: r.scanIndexForward }));
      } else {
        out = await client.send(new ScanCommand(input));
      }
      return { items: (out.Items || []).map(fromItem), nextToken: encodeToken(out.LastEvaluatedKey), scannedCount: out.ScannedCount };
    }
    default:
      throw new Abort({ type: 'InvalidRequest', message: `the harness does not run DynamoDB operation ${r.operation}` });
  }
}

function handler(mod, name, ctx) {
  try {
    return { value: mod[name](ctx) };
  } catch (e) {
    if (e instanceof Abort) return { error: e.error };
    if (e instanceof EarlyReturn) return { early: true, value: e.value };
    return { error: { type: 'HarnessError', message: `${name}: ${e && e.stack ? e.stack : e}` } };
  }
}

async function resolve(step) {
  const mod = await load(step.resolver);
  const identity = identityOf(step.identity || { kind: 'apiKey' });
  harness.reset(authTypes[(step.identity || { kind: 'apiKey' }).kind], step.typeName, step.fieldName);
  const args = step.args || {};
  const ctx = { arguments: args, args, identity, source: step.source || null, stash: {}, prev: { result: {} },
    request: { headers: {} }, info: { fieldName: step.fieldName, parentTypeName: step.typeName, variables: {},
      selectionSetList: [], selectionSetGraphQL: '' } };
  const out = (data, error, request) => ({ data: data === undefined ? null : data, error: error || null, request: request || null,
    subscriptionFilter: harness.subscriptionFilter || null, appendedErrors: harness.appendedErrors });
  const req = handler(mod, 'request', ctx);
  if (req.error) return out(null, req.error);
  if (req.early) return out(req.value, null);
  if (step.table) {
    try {
      ctx.result = await dynamo(step.table, req.value);
    } catch (e) {
      if (e instanceof Abort) return out(null, e.error, req.value);
      ctx.error = { type: `DynamoDB:${e.name}`, message: e.message };
    }
  } else {
    ctx.result = req.value && req.value.payload !== undefined ? req.value.payload : null; // NONE data source
  }
  const res = handler(mod, 'response', ctx);
  if (res.error) return out(null, res.error, req.value);
  return out(res.value, null, req.value);
}

async function step(line) {
  const s = JSON.parse(line);
  if (s.createTable) {
    await client.send(new CreateTableCommand(s.createTable));
    return { ok: true };
  }
  return resolve(s);
}

const input = process.argv[2] ? createReadStream(process.argv[2]) : process.stdin;
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let result;
  try {
    result = await step(line);
  } catch (e) {
    result = { error: { type: 'HarnessError', message: String(e && e.stack ? e.stack : e) } };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
