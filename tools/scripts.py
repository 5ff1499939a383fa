"""The build's scripts: run side by side in fresh processes, cached under one key.

Figure scripts (``figures.py``), values scripts (``values.py``), the
link-preview image (``social_card.py``) and notebooks (``notebooks.py``) run
in a fresh Python, so that they see the current library, and run again only
when :func:`digest`, their one cache key, changed: the files that make the
result (the script, the module that runs it), the library's sources, and the
Python version with every installed distribution's. A new NumPy may print a
number differently, a new Matplotlib draw a figure differently, a new
nbconvert write other markup; so after ``uv sync`` or ``make torch`` changed
anything, everything runs once.

:func:`start` runs such work in the background while MkDocs reads the
pages, and :func:`run_python` keeps every process of it to one per core: a
clean build's scripts, notebooks and pages share the two cores of a laptop
(or CI's runner) instead of waiting for one another. :func:`stop` ends it
all when the build fails.

On Linux each of those processes, and each notebook's kernel, is a fork of
a Python that imported what it needs once (:class:`_Zygote`), started again
when the library or ``tools/`` changed: a fresh Python spent 0.5-3.5 s of
CPU importing them, ten times in a clean build. There are two: one with
NumPy and the library, ready in about a second for the values that every
page waits for, and one with Matplotlib and IPython's kernel too, for the
figures and the notebooks. As forks start in milliseconds, each script is
a job of its own (:func:`shares`), and the cores share the work evenly.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import heapq
import importlib
import importlib.util
import itertools
import json
import os
import pkgutil
import platform
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from importlib import metadata
from pathlib import Path

# The build runs one process per core, so a BLAS that starts a thread per
# core in each of them only makes them fight: a clean build's values took
# 11.1 s of CPU with OpenBLAS's two threads, 6.5 s with one. What a reader
# set is kept; every process the build starts inherits it.
BLAS_THREADS = "OPENBLAS_NUM_THREADS"
os.environ.setdefault(BLAS_THREADS, "1")


def cache_dir() -> Path:
    """Where the build keeps what its scripts made: HANDGRAD_CACHE_DIR, or
    ``.cache/`` in the repository."""
    repository = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("HANDGRAD_CACHE_DIR") or repository / ".cache")


_ENVIRONMENT_READ = threading.Lock()


def environment() -> str:
    """The Python version, the BLAS's threads and each installed
    distribution, ``name==version``, one per line, sorted."""
    with _ENVIRONMENT_READ:  # once, not once by each thread that asks at first
        return _environment()


@functools.cache
def _environment() -> str:
    installed = {
        f"{(dist.metadata['Name'] or '?').lower()}=={dist.version}"
        for dist in metadata.distributions()
    }
    threads = f"{BLAS_THREADS}={os.environ[BLAS_THREADS]}"
    return "\n".join(
        [f"python=={platform.python_version()}", threads, *sorted(installed)]
    )


def digest(files: Iterable[Path], package_dir: Path | None, *texts: str) -> str:
    """The cache key of a result made from ``files`` and ``texts`` with the
    library in ``package_dir`` (None: without it), in this environment."""
    h = hashlib.sha256(environment().encode())
    library = sorted(package_dir.rglob("*.py")) if package_dir else []
    for path in [*files, *library]:
        h.update(b"\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    for text in texts:
        h.update(b"\0" + text.encode())
    return h.hexdigest()


class _Cores:
    """The machine's cores, one process each. Work started earlier
    (:func:`start`) takes a free core before work started later, even while
    it waits for the work it comes after: the pages wait first for the values,
    which start first, then for the notebooks."""

    def __init__(self, count: int) -> None:
        self._free = count
        self._ahead: list[int] = []  # the orders of work not yet given a core
        self._changed = threading.Condition()

    def expect(self, order: int) -> None:
        with self._changed:
            heapq.heappush(self._ahead, order)

    def forget(self, order: int) -> None:
        with self._changed:
            self._ahead.remove(order)
            heapq.heapify(self._ahead)
            self._changed.notify_all()

    @contextlib.contextmanager
    def one(self) -> Iterator[None]:
        order = getattr(_work, "order", 0)
        with self._changed:
            heapq.heappush(self._ahead, order)
            self._changed.wait_for(lambda: self._free and self._ahead[0] == order)
            self._ahead.remove(order)
            heapq.heapify(self._ahead)
            self._free -= 1
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._free += 1
                self._changed.notify_all()


_CORES = _Cores(os.cpu_count() or 1)
_work = threading.local()  # .order: which start() the thread works for
_order = itertools.count()
_orders: dict[Future, int] = {}  # the order each start() gave its work
_running: set[int] = set()  # the processes of run_python, by pid
_started: list[Future] = []
_stopped = threading.Event()
# A thread for each start() of a build (about twenty), most of them waiting.
_background = ThreadPoolExecutor(max_workers=64, thread_name_prefix="build")


def run_python(
    jobs: Sequence[Sequence[str]], *, draws: bool = False
) -> list[subprocess.CompletedProcess]:
    """Run ``python *args`` for each job in ``jobs``, side by side, at most one
    process per core at a time (counting the processes of every job). Jobs
    that ``draws`` import Matplotlib.

    Returns the finished processes, in the order of ``jobs``, with their
    stdout and stderr as text.
    """

    order = getattr(_work, "order", 0)

    def run(args: Sequence[str]) -> subprocess.CompletedProcess:
        command = [sys.executable, *args]
        _work.order = order
        with _CORES.one():
            if _stopped.is_set():
                return subprocess.CompletedProcess(command, 1, "", "stopped")
            if sys.platform == "linux":
                code, stdout, stderr = _ZYGOTES[draws].run(list(args))
            else:
                code, stdout, stderr = _run_new_python(command)
        return subprocess.CompletedProcess(command, code, stdout, stderr)

    with ThreadPoolExecutor(max_workers=max(len(jobs), 1)) as pool:
        return list(pool.map(run, jobs))


def _run_new_python(command: list[str]) -> tuple[int, str, str]:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _running.add(process.pid)
    try:
        stdout, stderr = process.communicate()
    finally:
        _running.discard(process.pid)
    return process.returncode, stdout, stderr


# What the scripts import, imported once by a zygote: the values' and the
# explorables' (NUMBERS), the figures' and the notebooks' (DRAWING). Not
# tools/ modules that read the environment when imported (digits_model.py):
# a job is given the build's environment only once it runs.
NUMBERS = ("numpy", "handgrad")
DRAWING = (*NUMBERS, "matplotlib.pyplot", "PIL.Image", "ipykernel.kernelapp")
# What the build's notebooks run in: the kernel spec in jupyter/kernels/
# starts ``python scripts.py fork -m ipykernel_launcher -f FILE``.
ZYGOTE_VARIABLE = "HANDGRAD_ZYGOTE"  # the zygote's address, for kernels


class _Zygote:
    """One Python, ``python scripts.py ADDRESS PID MODULE...``, that imports
    ``preload`` and the library's modules, then forks for each job: the fork
    runs the job's script as ``python script args`` would, from the same
    imports. Started again when the library's or ``tools/``'s sources
    changed (``make serve``)."""

    def __init__(self, preload: Sequence[str]) -> None:
        self._preload = list(preload)
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._sources = ""
        self._address = ""

    def _sources_now(self) -> str:
        spec = importlib.util.find_spec("handgrad")
        files = [
            *Path(__file__).parent.glob("*.py"),
            *(
                p
                for f in spec.submodule_search_locations
                for p in Path(f).rglob("*.py")
            ),
        ]
        return "\n".join(f"{path} {path.stat().st_mtime_ns}" for path in sorted(files))

    def _ready(self) -> str:
        """The zygote's address, started (again) if it is not running or
        its sources changed."""
        with self._lock:
            sources = self._sources_now()
            if self._process and self._process.poll() is None:
                if sources == self._sources:
                    return self._address
                self.close()
            folder = tempfile.mkdtemp(prefix="handgrad-zygote-")
            self._address, self._sources = f"{folder}/socket", sources
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    self._address,
                    str(os.getpid()),
                    *self._preload,
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
            )
            if self._process.stdout.readline() != b"ready\n":
                raise RuntimeError("the build's zygote did not start")
            return self._address

    def address(self) -> str | None:
        """Where a notebook's kernel asks for its fork (:func:`_relay`, told
        through ZYGOTE_VARIABLE); None where processes do not fork (not Linux)."""
        if sys.platform != "linux":
            return None
        os.environ[ZYGOTE_VARIABLE] = self._ready()
        return os.environ[ZYGOTE_VARIABLE]

    def run(self, args: list[str]) -> tuple[int, str, str]:
        """``python *args`` as a fork of the zygote: exit code, stdout, stderr."""
        return _ask_for_fork(self._ready(), args)

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process.stdout.close()
            Path(self._address).unlink(missing_ok=True)
            Path(self._address).parent.rmdir()
            self._process = None


_ZYGOTES = {False: _Zygote(NUMBERS), True: _Zygote(DRAWING)}  # by draws
for _zygote in _ZYGOTES.values():
    atexit.register(_zygote.close)
zygote_address = _ZYGOTES[True].address  # the notebooks' kernels draw


def warm_up() -> None:
    """Have the drawing zygote import in the background now, while the
    values run in the other one: it is ready when the figures and notebooks
    start (4-5 s of CPU that the build would otherwise wait for)."""
    if sys.platform == "linux":
        _background.submit(_ZYGOTES[True]._ready)


def shares(items: list) -> list[list]:
    """``items`` (scripts) in jobs for :func:`run_python`: one each where a
    job is a fork (on Linux: it starts in milliseconds, and the cores share
    the work evenly), else one share per core (each new Python imports
    NumPy and the library again)."""
    if sys.platform == "linux":
        return [[item] for item in items]
    cores = os.cpu_count() or 1
    return [items[i::cores] for i in range(cores) if items[i::cores]]


def _ask_for_fork(address: str, args: list[str], on_pid=None) -> tuple[int, str, str]:
    """``python *args`` as a fork of the zygote at ``address``: exit code,
    stdout, stderr. ``on_pid(pid)`` is told the fork's process id."""
    request = {"argv": args, "env": dict(os.environ), "cwd": os.getcwd()}
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(address)
        connection.sendall(json.dumps(request).encode() + b"\n")
        answers = connection.makefile("rb")
        pid = int(answers.readline() or 0)  # 0: it never started
        if pid:
            _running.add(pid)
            if on_pid is not None:
                on_pid(pid)
        try:
            reply = answers.read()
        finally:
            _running.discard(pid)
    if not reply:  # killed (stop), or it crashed
        return -signal.SIGKILL, "", f"{args[0]} ended without an exit code"
    found = json.loads(reply)
    return found["code"], found["stdout"], found["stderr"]


def _relay(args: list[str]) -> None:
    """A notebook's kernel as Jupyter starts it (``jupyter/kernels/``):
    ``python *args`` forked by the build's zygote, with the signals Jupyter
    sends this process passed on to it; elsewhere, that command itself.

    The zygote imported IPython's kernel and Matplotlib before Jupyter set
    the variables they read when imported, so the fork is given them: the
    parent's pid (else the kernel prints how to connect to it) and the
    inline backend (for Matplotlib, set by :func:`_job`)."""
    address = os.environ.get(ZYGOTE_VARIABLE)
    if not address or not os.path.exists(address):
        os.execv(sys.executable, [sys.executable, *args])
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    if parent := os.environ.get("JPY_PARENT_PID"):
        args = [*args, f"--IPKernelApp.parent_handle={parent}"]
    forwarded = (signal.SIGINT, signal.SIGTERM)

    def on_pid(pid: int) -> None:
        for signum in forwarded:
            signal.signal(signum, lambda signum, _: os.kill(pid, signum))

    code, stdout, stderr = _ask_for_fork(address, args, on_pid)
    sys.stdout.write(stdout)
    sys.stderr.write(stderr)
    sys.exit(code)


def _serve(address: str, parent: int, preload: list[str]) -> None:
    """The zygote: import, then fork a :func:`_job` for each connection, for
    as long as the build that started it runs."""
    for name in preload:  # one that fails is left to the jobs to import:
        with contextlib.suppress(Exception):  # they report it, with their name
            importlib.import_module(name)
    library = getattr(sys.modules.get("handgrad"), "__path__", [])
    for found in pkgutil.walk_packages(library, "handgrad."):
        with contextlib.suppress(Exception):
            importlib.import_module(found.name)
    # Each job reaped when it ends (its CPU time counted as the zygote's,
    # which counts as the build's: /usr/bin/time of a build sees it).
    signal.signal(signal.SIGCHLD, _reap)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(address)
        server.listen(64)
        server.settimeout(1)
        print("ready", flush=True)
        while os.getppid() == parent:
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            if os.fork() == 0:
                server.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _job(connection)
            connection.close()


def _reap(*_) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _job(connection: socket.socket) -> None:
    """In a fork of the zygote: run the script that the connection names as
    ``python script args`` would, answer with its exit code and output, and
    end (never returning to the zygote's loop)."""
    try:
        connection.settimeout(None)
        request = json.loads(connection.makefile("rb").readline())
        connection.sendall(f"{os.getpid()}\n".encode())
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "MPLBACKEND" in os.environ:  # as Matplotlib reads it when imported
            sys.modules["matplotlib"].rcParams["backend"] = os.environ["MPLBACKEND"]
        # Ends with whoever asked for it (the build, or a kernel's relay).
        threading.Thread(target=_end_with, args=(connection,), daemon=True).start()
        script = request["argv"][0]
        sys.argv = request["argv"]
        if script == "-m":  # as ``python -m``: the module's folder is not on the path
            sys.argv, sys.path[0] = request["argv"][1:], os.getcwd()
        else:
            sys.path[0] = os.path.dirname(os.path.abspath(script))
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            code = _run_main(request["argv"])
            for stream in (sys.stdout, sys.stderr):  # the job may have closed it
                with contextlib.suppress(ValueError, OSError):
                    stream.flush()
            out.seek(0)
            err.seek(0)
            stdout, stderr = (f.read().decode(errors="replace") for f in (out, err))
        answer = {"code": code, "stdout": stdout, "stderr": stderr}
        connection.sendall(json.dumps(answer).encode())
    finally:
        os._exit(0)


def _end_with(connection: socket.socket) -> None:
    """End this fork when the other end of ``connection`` closes."""
    with contextlib.suppress(OSError):
        connection.recv(1)
    os._exit(1)


def _run_main(argv: list[str]) -> int:
    """Run ``argv`` (``script args`` or ``-m module args``) as ``__main__``:
    its exit code, as Python would give it."""
    try:
        if argv[0] == "-m":
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


@contextlib.contextmanager
def one_core() -> Iterator[None]:
    """Hold one of the build's cores while a process runs outside
    :func:`run_python` (a notebook's kernel)."""
    with _CORES.one():
        raise_if_stopped()
        yield


def raise_if_stopped() -> None:
    """Raise ``RuntimeError`` once :func:`stop` has ended the build's work."""
    if _stopped.is_set():
        raise RuntimeError("the build stopped")


def start(work: Callable, *args, after: Sequence[Future] = ()) -> Future:
    """``work(*args)`` in the background, once the work ``after`` has ended;
    its ``result()`` waits for it and raises what it raised. Its processes
    go before those of work started after it."""
    _stopped.clear()
    order = next(_order)
    _CORES.expect(order)

    def work_in_order():
        try:
            wait(after)
        finally:
            _CORES.forget(order)  # its processes now ask for cores themselves
        _work.order = order
        return work(*args)

    future = _background.submit(work_in_order)
    _orders[future] = order
    future.add_done_callback(lambda done: _orders.pop(done, None))  # make serve
    _started[:] = [*(f for f in _started if not f.done()), future]
    return future


def stop() -> None:
    """End the build's background work: what has not begun never does, and
    the processes that run are killed."""
    _stopped.set()
    for future in _started:
        order = _orders.get(future)
        if future.cancel():  # it never ran: nothing of it waits for a core
            _CORES.forget(order)
    _started.clear()
    for pid in list(_running):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    if sys.argv[1] == "fork":  # a kernel (jupyter/kernels/python3/kernel.json)
        _relay(sys.argv[2:])
    else:
        _serve(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
