package org.fibroplan.web.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages' front door: where clinicians and patients sign in, and where sign-in problems are explained. */
@Controller
class WelcomeController {

	@GetMapping("/app/welcome")
	String welcome() {
		return "welcome";
	}
}
