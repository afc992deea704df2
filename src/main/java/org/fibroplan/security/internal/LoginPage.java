package org.fibroplan.security.internal;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * FibroPlan's own sign-in form for the users of the embedded identity provider (Spring Security posts it
 * to /login as before): the pages' look, large fields, and a failed sign-in said in words, a locked
 * account as locked.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, HttpSession session,
			Model model) {
		if (error != null) {
			Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
			model.addAttribute("problem", failure instanceof LockedException
					? "This account is locked for a short while after too many wrong passwords. Please wait a few minutes and try again."
					: "The username or password is not right. Please try again.");
		}
		model.addAttribute("signedOut", logout != null);
		return "login";
	}
}
