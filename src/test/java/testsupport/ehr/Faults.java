package testsupport.ehr;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scripted failures of the sandbox's flaky endpoint: each queued fault answers one write (POST or PUT) in
 * place of the server, with its status, an OperationOutcome and an optional Retry-After. Reads are never
 * disturbed, so a fault always lands on the delivery itself.
 */
public class Faults implements Filter {

	private record Fault(int status, String retryAfter) {}

	private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();
	private final AtomicInteger answered = new AtomicInteger();
	private final AtomicInteger writes = new AtomicInteger();
	private final AtomicReference<Hold> hold = new AtomicReference<>();

	/**
	 * A write held on arrival until released, as a slow EHR holds it: the sender has sent and waits. Once
	 * released it is processed as usual (the sender may be gone by then).
	 */
	public static final class Hold {
		private final String naming;
		private final CountDownLatch arrived = new CountDownLatch(1);
		private final CountDownLatch released = new CountDownLatch(1);

		private Hold(String naming) {
			this.naming = naming;
		}

		public boolean awaitArrival(Duration timeout) throws InterruptedException {
			return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		public void release() {
			released.countDown();
		}
	}

	/** Holds the next write whose body contains {@code naming} (a patient's MRN, say). */
	public Hold holdNextWriteNaming(String naming) {
		Hold next = new Hold(naming);
		hold.set(next);
		return next;
	}

	/** The next {@code times} writes answer {@code status} (with Retry-After seconds when not null). */
	public Faults next(int times, int status, String retryAfter) {
		for (int i = 0; i < times; i++) {
			queue.add(new Fault(status, retryAfter));
		}
		return this;
	}

	public void clear() {
		queue.clear();
	}

	/** Faults answered so far. */
	public int answered() {
		return answered.get();
	}

	/** Writes that reached the endpoint (faulted or not). */
	public int writes() {
		return writes.get();
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
		String method = ((HttpServletRequest) request).getMethod();
		if (method.equals("POST") || method.equals("PUT")) {
			writes.incrementAndGet();
			Hold waiting = hold.get();
			if (waiting != null) {
				byte[] body = request.getInputStream().readAllBytes();
				request = new BufferedBody((HttpServletRequest) request, body);
				if (new String(body, StandardCharsets.UTF_8).contains(waiting.naming) && hold.compareAndSet(waiting, null)) {
					waiting.arrived.countDown();
					try {
						waiting.released.await(2, TimeUnit.MINUTES);
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}
			}
			Fault fault = queue.poll();
			if (fault != null) {
				answered.incrementAndGet();
				HttpServletResponse http = (HttpServletResponse) response;
				http.setStatus(fault.status());
				if (fault.retryAfter() != null) {
					http.setHeader("Retry-After", fault.retryAfter());
				}
				http.setContentType("application/fhir+json");
				http.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
						+ (fault.status() < 500 ? "invalid" : "transient") + "\",\"diagnostics\":\"Sandbox fault: HTTP " + fault.status()
						+ "\"}]}").getBytes(StandardCharsets.UTF_8));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** A request whose body was read already, read again from memory. */
	private static final class BufferedBody extends jakarta.servlet.http.HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public jakarta.servlet.ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new jakarta.servlet.ServletInputStream() {
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
				public void setReadListener(jakarta.servlet.ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}
	}
}
