package dev.archway.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Writes bytes exactly as given to a loopback port and reads the answer until the server closes
 * (or 5 s pass): for requests no well-behaved client would send.
 */
public final class RawHttp {
    private RawHttp() {}

    /** The raw answer, {@code ""} when the server closed without a byte. */
    public static String exchange(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException endOfAnswer) {
                // What arrived so far is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the first response line, or -1. */
    public static int status(String answer) {
        if (!answer.startsWith("HTTP/1.")) {
            return -1;
        }
        return Integer.parseInt(answer.substring(9, 12));
    }
}
