"""The build's scripts: run side by side in fresh processes, cached under one key.

Figure scripts (``figures.py``), values scripts (``values.py``), the
explorables' data scripts (``explorables.py``), the link-preview image
(``social_card.py``) and notebooks (``notebooks.py``) run in a fresh
Python, so that they see the current library, and run again only when
:func:`digest`, their one cache key, changed: the files that make the
result (the script, the module that runs it), the library's sources, and the
Python version with every installed distribution's. A new NumPy may print a
number differently, a new Matplotlib draw a figure differently, a new
nbconvert write other markup; so after ``uv sync`` or ``make torch`` changed
anything, everything runs once. :func:`run_stale` is that, for the three
kinds of script that a module of ``tools/`` runs as a worker
(:func:`worker_main`).

:func:`start` runs such work in the background while MkDocs reads the
pages, and :func:`run_python` keeps every process of it to one per core: a
clean build's scripts, notebooks and pages share the two cores of a laptop
(or CI's runner) instead of waiting for one another. :func:`stop` ends it
all when the build fails.

Each process is a new Python, which imports NumPy and the library again
(0.25 s of CPU; with Matplotlib 0.7 s, the dependencies compiled to bytecode
as ``make`` installs them). Forks of one Python that had imported them saved
little: clean builds took 21.2 and 22.5 s with them, 22.3 and 24.8 s
without (alternating, one sitting), for 280 lines of fork server, now gone.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import platform
import signal
import subprocess
import sys
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


# The machine's cores, one process each. (Giving the work started first the
# first free core, as the build once did, made no difference: clean builds
# took 22.3, 25.1 and 27.2 s with that order, 26.4, 22.1 and 25.9 s without.)
_CORES = threading.BoundedSemaphore(os.cpu_count() or 1)
_running: set[int] = set()  # the processes of run_python, by pid
_started: list[Future] = []
_stopped = threading.Event()
# A thread for each start() of a build (about twenty), most of them waiting.
_background = ThreadPoolExecutor(max_workers=64, thread_name_prefix="build")


def run_python(jobs: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess]:
    """Run ``python *args`` for each job in ``jobs``, side by side, at most one
    process per core at a time (counting the processes of every job).

    Returns the finished processes, in the order of ``jobs``, with their
    stdout and stderr as text.
    """

    def run(args: Sequence[str]) -> subprocess.CompletedProcess:
        command = [sys.executable, *args]
        with _CORES:
            if _stopped.is_set():
                return subprocess.CompletedProcess(command, 1, "", "stopped")
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            _running.add(process.pid)
            try:
                stdout, stderr = process.communicate()
            finally:
                _running.discard(process.pid)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    with ThreadPoolExecutor(max_workers=max(len(jobs), 1)) as pool:
        return list(pool.map(run, jobs))


def _shares(items: list) -> list[list]:
    """``items`` (one per script) in jobs for :func:`run_python`, one share
    per core: each new Python imports NumPy and the library again."""
    cores = os.cpu_count() or 1
    return [items[i::cores] for i in range(cores) if items[i::cores]]


def run_stale(
    worker: str,
    scripts: Iterable[Path],
    package_dir: Path,
    cache_dir: Path,
    outputs: Callable[[Path], Iterable[Path]],
    error: type[Exception],
) -> None:
    """Run each of ``scripts`` whose result in ``cache_dir`` is stale: whose
    ``outputs(script)`` are not all there, or whose key (:func:`digest` of the
    script, the ``worker`` module and the library in ``package_dir``) is not
    the one its stamp, ``<script's stem>.sha256``, holds. The stale scripts
    run as ``python worker CACHE_DIR SCRIPT ...`` (:func:`worker_main`), one
    share of them per core, and each is stamped once its share succeeded and
    its outputs are there. Raises ``error`` with the worker's message if one
    failed, or naming the script whose outputs are missing."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    stale = []
    for script in scripts:
        stamp = cache_dir / f"{script.stem}.sha256"
        key = digest([script, Path(worker)], package_dir)
        made = all(path.is_file() for path in outputs(script))
        if not (made and stamp.is_file() and stamp.read_text() == key):
            stale.append((script, stamp, key))
    if not stale:
        return
    jobs = _shares(stale)
    commands = [[worker, str(cache_dir), *(str(s) for s, _, _ in job)] for job in jobs]
    for share, done in zip(jobs, run_python(commands), strict=True):
        if done.returncode != 0:
            names = ", ".join(str(script) for script, _, _ in share)
            said = done.stderr.strip() or done.stdout.strip()
            raise error(said or f"{worker} ended with code {done.returncode}: {names}")
        for script, stamp, key in share:
            if missing := [str(p) for p in outputs(script) if not p.is_file()]:
                raise error(f"{script} ran, but {', '.join(missing)} was not written")
            stamp.write_text(key)


def worker_main(make: Callable[[Path, Path], None], what: str) -> int:
    """A worker's main, for ``python worker OUT_DIR SCRIPT ...``: calls
    ``make(out_dir, script)`` for each script in turn. The first that raises
    is named (``what`` says what kind of script it is), with its traceback,
    on stderr, and the exit code is 1."""
    out_dir, *paths = sys.argv[1:]
    for path in paths:
        try:
            make(Path(out_dir), Path(path))
        except Exception:
            print(f"{what} {path} failed:", file=sys.stderr)
            traceback.print_exc()
            return 1
    return 0


@contextlib.contextmanager
def one_core() -> Iterator[None]:
    """Hold one of the build's cores while a process runs outside
    :func:`run_python` (a notebook's kernel)."""
    with _CORES:
        raise_if_stopped()
        yield


def raise_if_stopped() -> None:
    """Raise ``RuntimeError`` once :func:`stop` has ended the build's work."""
    if _stopped.is_set():
        raise RuntimeError("the build stopped")


def start(work: Callable, *args, after: Sequence[Future] = ()) -> Future:
    """``work(*args)`` in the background, once the work ``after`` has ended;
    its ``result()`` waits for it and raises what it raised."""
    _stopped.clear()

    def work_after():
        wait(after)
        return work(*args)

    future = _background.submit(work_after)
    _started[:] = [*(f for f in _started if not f.done()), future]
    return future


def stop() -> None:
    """End the build's background work: what has not begun never does, and
    the processes that run are killed."""
    _stopped.set()
    for future in _started:
        future.cancel()
    _started.clear()
    for pid in list(_running):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
