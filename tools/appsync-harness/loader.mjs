// Module resolution hook: resolver modules import '@aws-appsync/utils',
// which exists only inside AppSync (the npm package of that name holds
// types). The harness resolves it to shim.mjs, and to the same URL that
// run.mjs imports, so both see one module instance.
const shim = new URL('./shim.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === '@aws-appsync/utils') {
    return { url: shim, shortCircuit: true };
  }
  return next(specifier, context);
}
