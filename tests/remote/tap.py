"""TAP output for the remote tests, and the loud skip they use when no
server can run here (never a silent pass)."""

import sys
import traceback


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, label, detail=""):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, label))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, label))
            for line in str(detail).splitlines():
                print("#   " + line)
        sys.stdout.flush()
        return cond

    def eq(self, got, want, label):
        return self.ok(got == want, label,
                       "got:  %r\nwant: %r" % (got, want))

    def run(self, label, func, *args):
        """Run one test function; an exception fails it, with the trace."""
        try:
            func(self, *args)
        except Exception:
            self.ok(False, label + " (raised)", traceback.format_exc())

    def done(self):
        print("1..%d" % self.n)
        sys.stdout.flush()
        return 1 if self.failed else 0


def skip_all(reason):
    """The whole program is skipped: say so on stderr too, in capitals, so
    that nobody mistakes it for a pass."""
    sys.stderr.write("\n*** SKIP: no SPARQL server could run here: %s ***\n\n"
                     % reason)
    print("1..0 # SKIP %s" % reason.splitlines()[0])
    sys.stdout.flush()
    return 77
