package testsupport.keycloak;

import java.net.http.HttpResponse;

/**
 * Signs in to FibroPlan's own pages (/app) as a browser would, through Keycloak: the pages send the
 * browser to Keycloak as client fibroplan-web, Keycloak's form signs the user in, and the pages take the
 * code back. The realm knows the pages at the load balancer's address (http://localhost:8080); the test
 * instance stands in for it.
 */
public final class PagesSignIn {

	private PagesSignIn() {}

	/** The page at {@code path} (e.g. /app) as the signed-in user sees it. */
	public static HttpResponse<String> open(String path, String username, String password) {
		FormSession browser = new FormSession();
		String toSignIn = absolute(FormSession.location(browser.get(ProdFibroPlan.base() + path)));
		String toKeycloak = FormSession.location(browser.get(toSignIn));
		String callback = browser.signIn(toKeycloak, username, password).replace(ProdFibroPlan.PAGES_BASE, ProdFibroPlan.base());
		String back = absolute(FormSession.location(browser.get(callback)));
		return browser.get(back);
	}

	private static String absolute(String location) {
		return location.startsWith("/") ? ProdFibroPlan.base() + location : location;
	}
}
