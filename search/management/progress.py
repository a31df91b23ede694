"""A small text progress bar for long commands (one line, redrawn in place on a terminal)."""

import sys
import time


class ProgressBar:
    def __init__(self, stream, *, label: str, width: int = 30):
        self.stream, self.label, self.width = stream, label, width
        self.started = time.monotonic()
        self.interactive = getattr(getattr(stream, "_out", stream), "isatty", lambda: False)()

    def __call__(self, done: int, total: int) -> None:
        total = max(total, 1)
        filled = int(self.width * done / total)
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed else 0
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
            f"({100 * done // total}%, {rate:,.0f}/s)"
        )
        if self.interactive:
            self.stream.write("\r" + line, ending="")
            if done >= total:
                self.stream.write("")
        elif done >= total or done % (max(total // 10, 1)) < 500:
            self.stream.write(line)
        sys.stdout.flush()
