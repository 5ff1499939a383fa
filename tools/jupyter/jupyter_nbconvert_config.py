"""Jupyter's settings for the notebooks the build runs: mkdocs_hooks.py points
JUPYTER_CONFIG_DIR and JUPYTER_PATH here, so that no one's ~/.jupyter, nor a
``python3`` kernel of their own, changes a build: ``kernels/python3`` runs
``python``, which Jupyter reads as the Python that runs the build.

- A print is one output however the kernel flushed it. The kernel sends
  stdout and stderr in pieces, when a buffer fills or a timer fires, so
  under load one print could arrive as two outputs and two builds differ (1
  in 9 of ``make repro`` did). :func:`merge_streams` makes what a cell
  printed between two figures or results one stdout output, then one stderr
  output (nbclient's ``coalesce_streams`` cannot be set from here).
- Tracebacks have no colour codes, for the build's error message.
- The kernel talks over local sockets: no TCP port to share with another
  build, and no warning about unencrypted TCP.
"""

c = get_config()  # noqa: F821 (traitlets defines it for a config file)


def merge_streams(cell, **_):
    merged, printed = [], {}
    for output in [*cell.outputs, None]:
        if output is not None and output.output_type == "stream":
            if output.name in printed:
                printed[output.name].text += output.text
            else:
                printed[output.name] = output
            continue
        merged += sorted(printed.values(), key=lambda stream: stream.name != "stdout")
        merged += [output] if output is not None else []
        printed = {}
    cell.outputs = merged


c.NotebookClient.on_cell_executed = merge_streams
c.NotebookClient.extra_arguments = ["--colors=nocolor"]
c.KernelManager.transport = "ipc"
