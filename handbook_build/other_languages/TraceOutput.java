import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs an example's main with System.out traced: before each line it prints,
 * a marker "\0L<line> " names the line of the example's source that printed it,
 * read from the stack of the printing thread. The harness (outputs.py) uses the
 * markers to put each line under the print call that wrote it.
 *
 * Usage: java -cp classes:tracer TraceOutput Example.java Example [args...]
 */
public final class TraceOutput {
    private TraceOutput() {}

    public static void main(String[] args) throws Throwable {
        String file = args[0];
        PrintStream traced = new PrintStream(new LineTracer(file), false, StandardCharsets.UTF_8);
        System.setOut(traced);
        Runtime.getRuntime().addShutdownHook(new Thread(traced::flush));
        try {
            Class.forName(args[1])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            traced.flush();
        }
    }

    /** Marks the start of every line with the example's line number, under one lock. */
    private static final class LineTracer extends OutputStream {
        private final String file;
        private final OutputStream out = new FileOutputStream(FileDescriptor.out);
        private boolean atLineStart = true;

        LineTracer(String file) {
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (atLineStart) {
                out.write(("\0L" + callerLine() + " ").getBytes(StandardCharsets.UTF_8));
                atLineStart = false;
            }
            out.write(b);
            if (b == '\n') {
                atLineStart = true;
                out.flush();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        private int callerLine() {
            for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
                if (file.equals(frame.getFileName())) {
                    return frame.getLineNumber();
                }
            }
            return 0;
        }
    }
}
