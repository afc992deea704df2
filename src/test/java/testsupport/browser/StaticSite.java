package testsupport.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves a folder of static pages at http://127.0.0.1:{any free port}: a connected app's own origin, apart
 * from FibroPlan's (http://localhost:{port}), as an app on its own host would be. GET and HEAD only; nothing
 * outside the folder.
 */
public final class StaticSite implements AutoCloseable {

	private static final Map<String, String> TYPES = Map.of(
			"html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
			"css", "text/css; charset=utf-8", "json", "application/json", "map", "application/json", "png", "image/png",
			"svg", "image/svg+xml", "ico", "image/x-icon", "woff2", "font/woff2");

	private final HttpServer server;

	private StaticSite(HttpServer server) {
		this.server = server;
	}

	/** The connected-app pages and the npm packages the build installed next to them (pom: connected-apps-npm-ci). */
	public static StaticSite connectedApps() {
		Path root = Path.of(System.getProperty("fibroplan.connected-apps", "src/test/connected-apps")).toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("node_modules"))) {
			throw new IllegalStateException("No npm packages in " + root + ": the build installs them (npm ci, in pre-integration-test); "
					+ "run the tests through Maven, or `npm ci` in that folder");
		}
		return serve(root);
	}

	public static StaticSite serve(Path root) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", exchange -> answer(root, exchange));
			server.start();
			return new StaticSite(server);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The site's origin, e.g. http://127.0.0.1:43127 */
	public String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public String url(String path) {
		return origin() + path;
	}

	private static void answer(Path root, HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			Path file = root.resolve(URI.create(exchange.getRequestURI().getRawPath()).getPath().substring(1)).normalize();
			if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			if (!file.startsWith(root) || !Files.isRegularFile(file)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			String name = file.getFileName().toString();
			String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			long size = Files.size(file);
			exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : size);
			if (method.equals("GET")) {
				try (OutputStream out = exchange.getResponseBody()) {
					Files.copy(file, out);
				}
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
