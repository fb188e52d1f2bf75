package dev.vaultkv.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy on 127.0.0.1 that only opens {@code CONNECT} tunnels (as used for {@code https}
 * targets), recording each tunnel's target; the TLS session runs end to end through it.
 */
public final class TestTunnelProxy implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final List<String> tunnels = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private TestTunnelProxy() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "test-tunnel-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start the proxy.
	 * @return the running proxy
	 */
	public static TestTunnelProxy start() {
		try {
			return new TestTunnelProxy();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int getPort() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Return the targets ({@code host:port}) of the tunnels opened.
	 * @return the tunnel targets
	 */
	public List<String> tunnels() {
		return List.copyOf(this.tunnels);
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket client = this.serverSocket.accept();
				this.sockets.add(client);
				daemon(() -> tunnel(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try {
			InputStream in = client.getInputStream();
			String head = readHead(in);
			String[] requestLine = head.split("\r\n", 2)[0].split(" ");
			OutputStream out = client.getOutputStream();
			if (requestLine.length < 3 || !requestLine[0].equals("CONNECT")) {
				out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				client.close();
				return;
			}
			String[] target = requestLine[1].split(":");
			Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
			this.sockets.add(upstream);
			this.tunnels.add(requestLine[1]);
			out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			daemon(() -> pump(upstream, client));
			pump(client, upstream);
		}
		catch (IOException | RuntimeException ex) {
			close(client);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed before the end of the request head");
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static void pump(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void daemon(Runnable runnable) {
		Thread thread = new Thread(runnable, "test-tunnel-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.sockets.forEach(TestTunnelProxy::close);
	}

}
