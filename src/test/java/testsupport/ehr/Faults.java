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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

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
}
