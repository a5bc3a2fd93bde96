package uk.redress.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports free on the loopback address, for tests that start a part of the stack on a port of their own. */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} ports free at once: asked for one after the other, the system can give the same port twice. */
    public static int[] of(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    public static int one() throws IOException {
        return of(1)[0];
    }
}
