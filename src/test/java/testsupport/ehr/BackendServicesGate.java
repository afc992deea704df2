package testsupport.ehr;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox EHR's SMART Backend Services side: a token endpoint that issues an access token only for a
 * client_credentials request whose client assertion is signed by the registered client's key (the demo
 * JWK Set) and says iss = sub = the client, aud = this endpoint, a fresh jti and an expiry within five
 * minutes; and a gate in front of the guarded FHIR endpoint that lets through only those tokens.
 */
public class BackendServicesGate {

	public static final String CLIENT_ID = "fibroplan-delivery";

	private final RSAKey clientKey;
	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
	private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
	private final AtomicInteger issued = new AtomicInteger();
	private final AtomicInteger refused = new AtomicInteger();

	BackendServicesGate() {
		try (InputStream jwks = BackendServicesGate.class.getResourceAsStream("/demo/demo-system-jwks.json")) {
			clientKey = JWKSet.parse(new String(jwks.readAllBytes(), StandardCharsets.UTF_8)).getKeys().get(0).toRSAKey();
		} catch (Exception e) {
			throw new IllegalStateException("The demo JWK Set is not on the classpath", e);
		}
	}

	public int tokensIssued() {
		return issued.get();
	}

	public int assertionsRefused() {
		return refused.get();
	}

	HttpServlet tokenEndpoint() {
		return new HttpServlet() {
			@Override
			protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
				String problem = problemWith(request);
				response.setContentType("application/json");
				if (problem != null) {
					refused.incrementAndGet();
					response.setStatus(401);
					response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":\"" + problem + "\"}");
					return;
				}
				String token = "ehr-" + UUID.randomUUID();
				tokens.put(token, Instant.now().plusSeconds(300));
				issued.incrementAndGet();
				response.getWriter().write("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":300,"
						+ "\"scope\":\"" + request.getParameter("scope") + "\"}");
			}
		};
	}

	private String problemWith(HttpServletRequest request) {
		if (!"client_credentials".equals(request.getParameter("grant_type"))) {
			return "grant_type must be client_credentials";
		}
		if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(request.getParameter("client_assertion_type"))) {
			return "client_assertion_type must be jwt-bearer";
		}
		try {
			SignedJWT assertion = SignedJWT.parse(request.getParameter("client_assertion"));
			if (!JWSAlgorithm.RS384.equals(assertion.getHeader().getAlgorithm())) {
				return "the assertion must be signed with RS384";
			}
			if (!assertion.verify(new RSASSAVerifier(clientKey))) {
				return "the assertion's signature does not match the client's key";
			}
			JWTClaimsSet claims = assertion.getJWTClaimsSet();
			Instant now = Instant.now();
			if (!CLIENT_ID.equals(claims.getIssuer()) || !CLIENT_ID.equals(claims.getSubject())) {
				return "iss and sub must be the client id";
			}
			if (!claims.getAudience().contains(request.getRequestURL().toString())) {
				return "aud must be this token endpoint, " + request.getRequestURL();
			}
			if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(now)
					|| claims.getExpirationTime().toInstant().isAfter(now.plus(Duration.ofMinutes(5)).plusSeconds(5))) {
				return "exp must be in the next five minutes";
			}
			if (claims.getJWTID() == null || !seenJti.add(claims.getJWTID())) {
				return "jti missing or replayed";
			}
			return null;
		} catch (Exception e) {
			return "unreadable assertion: " + e.getMessage();
		}
	}

	/** Lets through requests bearing a token this gate issued and that has not expired. */
	Filter bearerCheck() {
		return (ServletRequest request, ServletResponse response, FilterChain chain) -> {
			String header = ((HttpServletRequest) request).getHeader("Authorization");
			String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
			Instant expires = token == null ? null : tokens.get(token);
			if (expires == null || expires.isBefore(Instant.now())) {
				HttpServletResponse http = (HttpServletResponse) response;
				http.setStatus(401);
				http.setHeader("WWW-Authenticate", "Bearer");
				http.setContentType("application/fhir+json");
				http.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\","
						+ "\"diagnostics\":\"A Backend Services access token is required\"}]}");
				return;
			}
			try {
				chain.doFilter(request, response);
			} catch (ServletException e) {
				throw new IOException(e);
			}
		};
	}
}
