"""python3 -m netcron_shim TASK.py: imports the task module, runs its BaseTask, prints the result as JSON."""
import importlib.util
import inspect
import json
import logging
import os
import sys
import traceback

SHIM_DIR = os.path.dirname(os.path.abspath(__file__))


def user_root(task_path):
    """The nearest directory above the task that holds the user's automation_core (else the task's directory)."""
    directory = os.path.dirname(task_path)
    while True:
        if os.path.isdir(os.path.join(directory, "automation_core")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return os.path.dirname(task_path)
        directory = parent


def install_automation_core(root):
    """automation_core = netcron's base_task and auth first, then the user's modules (the package __path__ merges both)."""
    locations = [os.path.join(SHIM_DIR, "automation_core")]
    user_package = os.path.join(root, "automation_core")
    if os.path.isdir(user_package):
        locations.append(user_package)
    spec = importlib.util.spec_from_file_location(
        "automation_core", os.path.join(SHIM_DIR, "automation_core", "__init__.py"), submodule_search_locations=locations)
    package = importlib.util.module_from_spec(spec)
    sys.modules["automation_core"] = package
    spec.loader.exec_module(package)
    package.__path__ = locations


def load_task_module(task_path, root):
    relative = os.path.relpath(task_path, root)
    name = relative[:-3].replace(os.sep, ".") if relative.endswith(".py") and not relative.startswith("..") else "netcron_task"
    spec = importlib.util.spec_from_file_location(name, task_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def find_task_class(module, job_name):
    from automation_core.base_task import BaseTask
    classes = [value for value in vars(module).values()
               if inspect.isclass(value) and issubclass(value, BaseTask) and value is not BaseTask and value.__module__ == module.__name__]
    for cls in classes:
        if getattr(cls, "name", None) == job_name:
            return cls
    if not classes:
        raise SystemExit("netcron: no BaseTask subclass in %s" % module.__file__)
    return classes[0]


def main(argv):
    if len(argv) != 2:
        print("usage: python3 -m netcron_shim TASK.py", file=sys.stderr)
        return 2
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    task_path = os.path.abspath(argv[1])
    root = user_root(task_path)
    for path in (os.path.dirname(task_path), root):
        if path not in sys.path:
            sys.path.insert(0, path)
    # the shim's own directory stays on the path only for netcron_shim itself
    install_automation_core(root)
    module = load_task_module(task_path, root)
    task = find_task_class(module, os.environ.get("NETCRON_JOB", ""))()
    try:
        result = task.execute()
    except Exception:
        traceback.print_exc()
        return 1
    sys.stdout.flush()
    if result is None:
        result = {}
    print(json.dumps(result if isinstance(result, dict) else {"result": result}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
