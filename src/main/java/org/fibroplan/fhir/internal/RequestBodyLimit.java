package org.fibroplan.fhir.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each /fhir request body here, counting the bytes actually received (chunked bodies too), so a
 * body over the limit is refused with 413 before HAPI parses anything. Compressed bodies are refused:
 * HAPI would inflate them without a bound.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final long limit;

	public RequestBodyLimit(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
			OutcomeResponse.write(response, 415, IssueType.NOTSUPPORTED,
					"Content-Encoding '" + encoding + "' is not accepted; send the body uncompressed.");
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response, declared + " bytes declared");
			return;
		}
		String contentType = request.getContentType();
		// Form parameters are read by Tomcat itself (bounded by server.tomcat.max-http-form-post-size).
		if (declared == 0 || (contentType != null && contentType.toLowerCase().startsWith(FORM))) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), limit + 1);
		if (body.length > limit) {
			tooLarge(response, "more than " + limit + " bytes sent");
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void tooLarge(HttpServletResponse response, String what) throws IOException {
		OutcomeResponse.write(response, 413, IssueType.TOOCOSTLY,
				"The request body is too large (" + what + "); this server accepts at most " + limit + " bytes.");
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int n;
		while (total < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) != -1) {
			out.write(buffer, 0, n);
			total += n;
		}
		return out.toByteArray();
	}

	/** The request with its body already read. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// the whole body is already in memory: it is all available, and then all read
					try {
						if (in.available() > 0) {
							listener.onDataAvailable();
						}
						listener.onAllDataRead();
					} catch (java.io.IOException e) {
						listener.onError(e);
					}
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(charset)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
