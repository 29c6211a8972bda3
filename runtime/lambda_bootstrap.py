# Strongroom's bootstrap for Python rotation functions:
#   python3 -u lambda_bootstrap.py <folder> <module.function>
# Reads {"event", "context"} as JSON on stdin, calls the handler as Lambda's Python runtime does
# (the folder first on sys.path, a Lambda-like context object), and writes one JSON line on fd 3:
# {"payload": ...} or {"error": {"errorType", "errorMessage"}}. An exception is reported by its
# class name and str(), its traceback goes to stderr, which is the function's log.
import importlib
import json
import os
import sys
import time
import traceback

RESULT_FD = 3


def answer(text):
    with os.fdopen(RESULT_FD, "w") as out:
        out.write(text + "\n")


def fail(error_type, error_message):
    answer(json.dumps({"error": {"errorType": error_type, "errorMessage": error_message}}))


class LambdaContext:
    def __init__(self, given):
        self.function_name = given["functionName"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = given["invokedFunctionArn"]
        self.memory_limit_in_mb = "128"
        self.aws_request_id = given["awsRequestId"]
        self.log_group_name = "/aws/lambda/" + self.function_name
        self.log_stream_name = "strongroom/" + self.aws_request_id
        self.identity = None
        self.client_context = None
        self._deadline_ms = given["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def main():
    folder, handler_name = sys.argv[1], sys.argv[2]
    request = json.loads(sys.stdin.read())
    # The bootstrap's own folder is not the function's: the function's folder comes first.
    sys.path[0] = folder
    module_name, _, function_name = handler_name.rpartition(".")
    if not module_name:
        return fail("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler_name)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except SyntaxError as e:
        traceback.print_exc()
        return fail("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        traceback.print_exc()
        return fail("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    handler = getattr(module, function_name, None)
    if handler is None:
        return fail("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    try:
        result = handler(request["event"], LambdaContext(request["context"]))
    except Exception as e:
        traceback.print_exc()
        return fail(type(e).__name__, str(e))
    try:
        text = json.dumps({"payload": result})
    except (TypeError, ValueError) as e:
        return fail("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    answer(text)


if __name__ == "__main__":
    main()
