'use strict';
// Strongroom's bootstrap for Node.js rotation functions: `node node-bootstrap.cjs <module> <handler>`.
// Reads `{ event, context }` as JSON on stdin, calls the module's exported handler as Lambda's
// Node.js runtime does (async, returning a promise, or with a callback), and writes one JSON line
// on fd 3: `{ "payload": … }` or `{ "error": { "errorType", "errorMessage" } }`. Everything the
// handler prints is its log. It exits as soon as it has answered, as a Lambda sandbox is frozen.
const { writeSync, readFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');

const RESULT_FD = 3;
const [modulePath, handlerName] = process.argv.slice(2);

let answered = false;
function answer(message) {
  if (answered) return;
  answered = true;
  writeSync(RESULT_FD, `${JSON.stringify(message)}\n`);
  process.exit(0);
}

function fail(errorType, errorMessage, err) {
  console.error(err instanceof Error && err.stack ? err.stack : `${errorType}: ${errorMessage}`);
  answer({ error: { errorType, errorMessage } });
}

/** Lambda reports an Error by its name and message, anything else thrown as its text. */
function failWith(err) {
  if (err instanceof Error) fail(err.name || 'Error', err.message, err);
  else fail(typeof err === 'string' ? 'string' : 'Error', typeof err === 'string' ? err : String(JSON.stringify(err)), err);
}

function succeed(value) {
  let text;
  try {
    text = JSON.stringify({ payload: value === undefined ? null : value });
  } catch (err) {
    return fail('Runtime.MarshalError', `Unable to marshal response: ${err.message}`, err);
  }
  answer(JSON.parse(text));
}

process.on('uncaughtException', failWith);
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  fail('Runtime.UnhandledPromiseRejection', message, reason);
});

async function main() {
  const { event, context: given } = JSON.parse(readFileSync(0, 'utf8'));
  let module;
  try {
    // import() loads ESM and CommonJS alike (a CommonJS module's exports are its named exports).
    module = await import(pathToFileURL(modulePath).href);
  } catch (err) {
    if (err instanceof SyntaxError) return fail('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`, err);
    return fail('Runtime.ImportModuleError', `${err.name}: ${err.message}`, err);
  }
  const handler = module[handlerName] ?? module.default?.[handlerName];
  if (typeof handler !== 'function') return fail('Runtime.HandlerNotFound', `${modulePath}.${handlerName} is undefined or not exported`);

  const context = {
    functionName: given.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: given.invokedFunctionArn,
    memoryLimitInMB: '128',
    awsRequestId: given.awsRequestId,
    logGroupName: `/aws/lambda/${given.functionName}`,
    logStreamName: `strongroom/${given.awsRequestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, given.deadlineMs - Date.now()),
    succeed,
    fail: failWith,
    done: (err, value) => (err == null ? succeed(value) : failWith(err)),
  };
  const callback = (err, value) => (err == null ? succeed(value) : failWith(err));
  const returned = handler(event, context, callback);
  if (returned && typeof returned.then === 'function') succeed(await returned);
  // A handler that takes no callback and returns a plain value has answered with it.
  else if (handler.length < 3) succeed(returned);
}

main().catch(failWith);
