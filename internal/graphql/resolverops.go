package graphql

import (
	"fmt"
	"strings"
)

// failOnError is the response line every DynamoDB resolver starts with: a
// data source error (ConditionalCheckFailedException…) becomes the field's
// error with AppSync's type "DynamoDB:<code>".
const failOnError = "  if (ctx.error) {\n    util.error(ctx.error.message, ctx.error.type);\n  }\n"

func (g resolverGen) get() string {
	var args []string
	for _, k := range g.m.PrimaryKey {
		args = append(args, k+": ctx.args."+k)
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  ctx.stash.access = access(ctx);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ %s }) };
}

// An owner-only caller gets Unauthorized for another's item, as with the
// transformer's get response check.
export function response(ctx) {
%s  if (!ctx.result) {
    return null;
  }
  if (!ctx.stash.access.full && !isOwner(ctx.stash.access.owners, ctx.result)) {
    util.unauthorized();
  }
  return show(ctx.result);
}
`, strings.Join(args, ", "), failOnError)
	return g.module("get", OpRead, h, "isOwner")
}

// list writes the list field (index "" and fields nil: the table; a Query
// when the primary key has a sort key and its hash key argument is given,
// else a Scan) or an @index query field (a Query on the GSI). An
// owner-only caller's items are picked by a filter, which DynamoDB applies
// after limit: a page may hold fewer than limit items, or none, with a
// nextToken.
func (g resolverGen) list(index string, fields []string) string {
	var q string
	switch {
	case index != "":
		q = fmt.Sprintf("  req.operation = 'Query';\n  req.index = %s;\n  req.query = keyCondition(%s, args[%s], %s, args[%s]);\n  req.scanIndexForward = args.sortDirection !== 'DESC';\n",
			js(index), js(fields[0]), js(fields[0]), js(sortOf(fields)), js(sortOf(fields)))
	case len(g.m.PrimaryKey) > 1:
		k := g.m.PrimaryKey
		q = fmt.Sprintf("  if (args[%s] !== undefined && args[%s] !== null) {\n    req.operation = 'Query';\n    req.query = keyCondition(%s, args[%s], %s, args[%s]);\n    req.scanIndexForward = args.sortDirection !== 'DESC';\n  }\n",
			js(k[0]), js(k[0]), js(k[0]), js(k[0]), js(k[1]), js(k[1]))
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const args = ctx.args;
  const req = { operation: 'Scan', limit: args.limit || 100 };
%s  if (args.nextToken) {
    req.nextToken = args.nextToken;
  }
  const filter = and([
    args.filter ? expr(util.transform.toDynamoDBFilterExpression(args.filter)) : null,
    a.full ? null : ownerExpression(a.owners, 'ampgoOwner'),
  ]);
  if (filter) {
    req.filter = filter;
  }
  return req;
}

export function response(ctx) {
%s  const items = [];
  for (const item of ctx.result.items) {
    items.push(show(item));
  }
  return { items: items, nextToken: ctx.result.nextToken || null };
}
`, q, failOnError)
	op := "list"
	if index != "" {
		op = "query " + index
	}
	return g.module(op, OpRead, h, "expr", "and", "ownerExpression", "keyCondition")
}

func sortOf(fields []string) string {
	if len(fields) > 1 {
		return fields[1]
	}
	return ""
}

// create: the default id from util.autoId(), timestamps from
// util.time.nowISO8601() unless given, each owner field the caller can
// own set to the caller when absent; an owner-only caller must own the new
// item; attribute_not_exists on the key refuses overwriting an item.
func (g resolverGen) create() string {
	var fill []string
	if !customKey(g.m) {
		fill = append(fill, "  if (item.id === undefined || item.id === null) {\n    item.id = util.autoId();\n  }\n")
	}
	for _, f := range []string{"createdAt", "updatedAt"} {
		if g.m.Field(f) != nil {
			fill = append(fill, fmt.Sprintf("  if (item.%s === undefined || item.%s === null) {\n    item.%s = now;\n  }\n", f, f, f))
		}
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const now = util.time.nowISO8601();
  const item = Object.assign({}, ctx.args.input);
%s  for (const o of a.owners) {
    if (item[o.field] === undefined || item[o.field] === null) {
      item[o.field] = o.values[0];
    }
  }
  if (!a.full && !isOwner(a.owners, item)) {
    util.unauthorized();
  }
  const attributes = {};
  for (const k of Object.keys(item)) {
    if (!KEY.includes(k)) {
      attributes[k] = item[k];
    }
  }
  return {
    operation: 'PutItem',
    key: keyOf(item),
    attributeValues: util.dynamodb.toMapValues(attributes),
    condition: and([exists('attribute_not_exists'), condition(ctx.args.condition)]),
  };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, strings.Join(fill, ""), failOnError)
	return g.module("create", OpCreate, h, "expr", "and", "isOwner", "keyOf")
}

// update: attribute_exists on the key (a missing item fails the
// condition); for an owner-only caller the stored owner must name the
// caller, and an owner field in the input must name the caller and
// already hold the caller, so an owner cannot give the item away.
func (g resolverGen) update() string {
	stamp := ""
	if g.m.Field("updatedAt") != nil {
		stamp = "  if (values.updatedAt === undefined || values.updatedAt === null) {\n    values.updatedAt = util.time.nowISO8601();\n  }\n"
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const input = ctx.args.input;
  const checks = [exists('attribute_exists')];
  if (!a.full) {
    checks.push(ownerExpression(a.owners, 'ampgoOwner'));
    let i = 0;
    for (const f of OWNER_FIELDS) {
      if (input[f] !== undefined) {
        let kept = false;
        for (const o of a.owners) {
          if (o.field === f && o.values.includes(input[f])) {
            checks.push(ownerExpression([o], 'ampgoSame' + i + '_'));
            kept = true;
          }
        }
        if (!kept) {
          util.unauthorized();
        }
      }
      i = i + 1;
    }
  }
  checks.push(condition(ctx.args.condition));
  const values = Object.assign({}, input);
%s  const expressionNames = {};
  const expressionValues = {};
  const sets = [];
  const removes = [];
  let n = 0;
  for (const k of Object.keys(values)) {
    if (!KEY.includes(k)) {
      const name = '#ampgoSet' + n;
      expressionNames[name] = k;
      if (values[k] === null) {
        removes.push(name);
      } else {
        expressionValues[':ampgoSet' + n] = util.dynamodb.toDynamoDB(values[k]);
        sets.push(name + ' = :ampgoSet' + n);
      }
      n = n + 1;
    }
  }
  const parts = [];
  if (sets.length > 0) {
    parts.push('SET ' + sets.join(', '));
  }
  if (removes.length > 0) {
    parts.push('REMOVE ' + removes.join(', '));
  }
  const update = { expression: parts.join(' '), expressionNames: expressionNames };
  if (sets.length > 0) {
    update.expressionValues = expressionValues;
  }
  return { operation: 'UpdateItem', key: keyOf(input), update: update, condition: and(checks) };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, stamp, failOnError)
	return g.module("update", OpUpdate, h, "expr", "and", "ownerExpression", "keyOf")
}

// delete: attribute_exists on the key, and for an owner-only caller the
// stored owner must name the caller.
func (g resolverGen) delete() string {
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const checks = [exists('attribute_exists')];
  if (!a.full) {
    checks.push(ownerExpression(a.owners, 'ampgoOwner'));
  }
  checks.push(condition(ctx.args.condition));
  return { operation: 'DeleteItem', key: keyOf(ctx.args.input), condition: and(checks) };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, failOnError)
	return g.module("delete", OpDelete, h, "expr", "and", "ownerExpression", "keyOf")
}

// subscribe: the request refuses callers no read rule admits and returns
// the NONE data source's empty payload; the response sets the enhanced
// subscription filter: the filter argument, and for an owner-only caller
// the owner field among the caller's values (the mutation result AppSync
// filters carries the username form, so both forms are listed). An owner
// argument must name the caller unless a rule gives the caller all items.
func (g resolverGen) subscribe() string {
	h := `
export function request(ctx) {
  access(ctx);
  return { payload: null };
}

export function response(ctx) {
  const a = access(ctx);
  let groups = [];
  if (ctx.args.filter) {
    groups = expr(util.transform.toSubscriptionFilter(ctx.args.filter)).filterGroup;
  }
  const extra = [];
  for (const f of OWNER_FIELDS) {
    const v = ctx.args[f];
    if (v !== undefined && v !== null) {
      let mine = false;
      for (const o of a.owners) {
        if (o.field === f && o.values.includes(v)) {
          mine = true;
        }
      }
      if (!a.full && !mine) {
        util.unauthorized();
      }
      extra.push({ fieldName: f, operator: 'eq', value: usernameOf(v) });
    }
  }
  const alternatives = [];
  if (!a.full) {
    for (const o of a.owners) {
      alternatives.push({ fieldName: o.field, operator: 'in', value: o.values });
    }
  }
  if (groups.length === 0 && (extra.length > 0 || alternatives.length > 0)) {
    groups = [{ filters: [] }];
  }
  const out = [];
  for (const g of groups) {
    if (alternatives.length === 0) {
      out.push({ filters: g.filters.concat(extra) });
    }
    for (const alt of alternatives) {
      out.push({ filters: g.filters.concat(extra).concat([alt]) });
    }
  }
  if (out.length > 0) {
    extensions.setSubscriptionFilter({ filterGroup: out });
  }
  return null;
}
`
	return g.module("subscription", OpRead, h, "expr")
}
