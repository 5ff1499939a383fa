"""Jupyter's settings for the notebooks the build runs: mkdocs_hooks.py points
JUPYTER_CONFIG_DIR here, so that no one's ~/.jupyter changes a build.

- A print is one output however the kernel flushed it. The kernel sends
  what a cell prints in pieces, when its buffer fills or its timer fires,
  and stdout and stderr each on their own, so under load one print can
  arrive as two outputs, or a warning in the middle of it, and two builds
  differ (1 in 9 of ``make repro`` did). After each cell,
  :func:`merge_streams` makes what the cell printed between two figures or
  results one stdout output, then one stderr output. (nbclient's own
  ``coalesce_streams`` merges across figures too, and no config file can
  set it.)
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
