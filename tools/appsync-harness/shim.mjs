// A stand-in for AppSync's '@aws-appsync/utils' runtime module: the util,
// runtime and extensions pieces the generated resolvers use, written from
// the AppSync developer guide (built-in-util-js, built-in-modules-js,
// resolver-context-reference-js). run.mjs sets `harness` before each step
// and reads what the resolver recorded. docs/graphql-resolvers.md lists
// what this does not emulate.
import { randomUUID } from 'node:crypto';

// Abort is util.error / util.unauthorized: AppSync stops the handler and
// the field resolves to null with this error.
export class Abort extends Error {
  constructor(error) {
    super(error.message);
    this.error = error;
  }
}

// EarlyReturn is runtime.earlyReturn: skip the data source (and, in a unit
// resolver's request handler, the response handler) with this value.
export class EarlyReturn extends Error {
  constructor(value) {
    super('earlyReturn');
    this.value = value;
  }
}

export const harness = {
  authType: null,
  typeName: '',
  fieldName: '',
  subscriptionFilter: undefined,
  invalidationFilter: undefined,
  appendedErrors: [],
  reset(authType, typeName, fieldName) {
    this.authType = authType;
    this.typeName = typeName;
    this.fieldName = fieldName;
    this.subscriptionFilter = undefined;
    this.invalidationFilter = undefined;
    this.appendedErrors = [];
  },
};

function toDynamoDB(v) {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(toDynamoDB) };
  if (typeof v === 'object') return { M: toMapValues(v) };
  throw new Error(`util.dynamodb.toDynamoDB: cannot convert ${typeof v}`);
}

function toMapValues(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj || {})) {
    if (v !== undefined) out[k] = toDynamoDB(v);
  }
  return out;
}

// fromDynamoDB turns a typed attribute value back into JSON, as the
// DynamoDB data source does for ctx.result.
export function fromDynamoDB(av) {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return Number(av.N);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.L !== undefined) return av.L.map(fromDynamoDB);
  if (av.M !== undefined) return fromItem(av.M);
  if (av.SS !== undefined) return [...av.SS];
  if (av.NS !== undefined) return av.NS.map(Number);
  if (av.B !== undefined) return Buffer.from(av.B).toString('base64');
  throw new Error(`unknown attribute value ${JSON.stringify(av)}`);
}

export function fromItem(item) {
  if (!item) return null;
  const out = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromDynamoDB(v);
  return out;
}

const attributeTypes = { binary: 'B', binarySet: 'BS', bool: 'BOOL', list: 'L', map: 'M', number: 'N',
  numberSet: 'NS', string: 'S', stringSet: 'SS', _null: 'NULL' };
const comparisons = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

// group parenthesizes e unless one pair already encloses all of it:
// DynamoDB refuses redundant parentheses such as ((a = :a)).
function group(e) {
  if (e[0] !== '(') return `(${e})`;
  let depth = 0;
  for (let i = 0; i < e.length; i += 1) {
    if (e[i] === '(') depth += 1;
    if (e[i] === ')') depth -= 1;
    if (depth === 0 && i < e.length - 1) return `(${e})`;
  }
  return e;
}

function join(parts, op) {
  const xs = parts.filter(Boolean);
  return xs.length === 1 ? xs[0] : xs.map(group).join(` ${op} `);
}

// filterExpression converts a Model…FilterInput / ConditionInput the way
// util.transform.toDynamoDBFilterExpression documents it:
// {title: {contains: "x"}} → contains(#title, :title_contains); fields and
// their operators AND-ed, and/or lists, not. A counter keeps placeholders of
// repeated fields apart.
function filterExpression(filter) {
  const names = {};
  const values = {};
  let n = 0;
  const value = (field, op, v) => {
    const p = `:${field}_${op}${n ? '_' + n : ''}`;
    n += 1;
    values[p] = toDynamoDB(v);
    return p;
  };
  const fieldExpr = (field, ops) => {
    const name = `#${field}`;
    names[name] = field;
    const parts = [];
    for (const [op, v] of Object.entries(ops)) {
      if (comparisons[op]) parts.push(`${name} ${comparisons[op]} ${value(field, op, v)}`);
      else if (op === 'contains') parts.push(`contains(${name}, ${value(field, op, v)})`);
      else if (op === 'notContains') parts.push(`NOT contains(${name}, ${value(field, op, v)})`);
      else if (op === 'beginsWith') parts.push(`begins_with(${name}, ${value(field, op, v)})`);
      else if (op === 'between') parts.push(`${name} BETWEEN ${value(field, 'between_0', v[0])} AND ${value(field, 'between_1', v[1])}`);
      else if (op === 'attributeExists') parts.push(v ? `attribute_exists(${name})` : `attribute_not_exists(${name})`);
      else if (op === 'attributeType') parts.push(`attribute_type(${name}, ${value(field, op, attributeTypes[v] || v)})`);
      else if (op === 'size') {
        for (const [sop, sv] of Object.entries(v || {})) {
          if (sop === 'between') parts.push(`size(${name}) BETWEEN ${value(field, 'size_between_0', sv[0])} AND ${value(field, 'size_between_1', sv[1])}`);
          else parts.push(`size(${name}) ${comparisons[sop]} ${value(field, 'size_' + sop, sv)}`);
        }
      } else throw new Abort({ type: 'InvalidFilter', message: `unsupported filter operator ${op} on ${field}` });
    }
    return join(parts, 'AND');
  };
  const walk = (f) => {
    const parts = [];
    for (const [k, v] of Object.entries(f)) {
      if (v === null || v === undefined) continue;
      if (k === 'and' || k === 'or') {
        const sub = join(v.map(walk), k.toUpperCase());
        if (sub) parts.push(sub);
      } else if (k === 'not') {
        const sub = walk(v);
        if (sub) parts.push(`NOT ${group(sub)}`);
      } else {
        const e = fieldExpr(k, v);
        if (e) parts.push(e);
      }
    }
    return join(parts, 'AND');
  };
  return { expression: walk(filter || {}), expressionNames: names, expressionValues: values };
}

// subscriptionFilter converts a ModelSubscription…FilterInput into the
// enhanced filter object {filterGroup: [{filters: [...]}]}: top-level and
// `and` fields in one group, each `or` element its own group.
function subscriptionFilter(filter) {
  const flat = (f) => {
    const out = [];
    for (const [k, v] of Object.entries(f || {})) {
      if (k === 'and') v.forEach((s) => out.push(...flat(s)));
      else if (k !== 'or') for (const [op, value] of Object.entries(v || {})) out.push({ fieldName: k, operator: op, value });
    }
    return out;
  };
  const base = flat(filter);
  const ors = (filter && filter.or) || [];
  if (ors.length === 0) return { filterGroup: [{ filters: base }] };
  return { filterGroup: ors.map((o) => ({ filters: base.concat(flat(o)) })) };
}

const isNull = (v) => v === null || v === undefined;

export const util = {
  autoId: () => randomUUID(),
  authType: () => harness.authType,
  error(message, type, data, errorInfo) {
    throw new Abort({ message, type, data, errorInfo });
  },
  appendError(message, type, data, errorInfo) {
    harness.appendedErrors.push({ message, type, data, errorInfo });
  },
  unauthorized() {
    throw new Abort({ type: 'Unauthorized', message: `Not Authorized to access ${harness.fieldName} on type ${harness.typeName}` });
  },
  isNull,
  isNullOrEmpty: (v) => isNull(v) || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v).length === 0),
  isNullOrBlank: (v) => isNull(v) || (typeof v === 'string' && v.trim() === ''),
  defaultIfNull: (v, d) => (isNull(v) ? d : v),
  defaultIfNullOrEmpty: (v, d) => (isNull(v) || v === '' ? d : v),
  isString: (v) => typeof v === 'string',
  isNumber: (v) => typeof v === 'number',
  isBoolean: (v) => typeof v === 'boolean',
  isList: (v) => Array.isArray(v),
  isMap: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  escapeJavaScript: (s) => JSON.stringify(s).slice(1, -1),
  time: {
    nowISO8601: () => new Date().toISOString(),
    nowEpochSeconds: () => Math.floor(Date.now() / 1000),
    nowEpochMilliSeconds: () => Date.now(),
  },
  dynamodb: {
    toDynamoDB,
    toMapValues,
    toString: (s) => ({ S: s }),
    toNumber: (n) => ({ N: String(n) }),
    toDynamoDBJson: (v) => JSON.stringify(toDynamoDB(v)),
    toMapValuesJson: (o) => JSON.stringify(toMapValues(o)),
  },
  transform: {
    // Both return a JSON string, as AppSync does (toDynamoDBFilterExpression
    // is documented `: string`); the resolvers accept an object too.
    toDynamoDBFilterExpression: (f) => JSON.stringify(filterExpression(f)),
    toDynamoDBConditionExpression: (c) => JSON.stringify(filterExpression(c)),
    toSubscriptionFilter: (f) => subscriptionFilter(f),
  },
};

export const runtime = {
  earlyReturn(value) {
    throw new EarlyReturn(value);
  },
};

export const extensions = {
  setSubscriptionFilter(filter) {
    harness.subscriptionFilter = filter;
  },
  setSubscriptionInvalidationFilter(filter) {
    harness.invalidationFilter = filter;
  },
  invalidateSubscriptions() {},
};
