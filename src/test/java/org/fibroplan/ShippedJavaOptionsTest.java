package org.fibroplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options FibroPlan ships are one set: the image's (docker/java-options, also read by bench/startup.sh
 * and bench/write-path.sh runs) and the README's run command (`mvn spring-boot:run`, the plugin's jvmArguments).
 * Memory and start-up figures in docs/performance.md were measured with exactly these.
 */
class ShippedJavaOptionsTest {

	@Test
	void theImageAndTheRunCommandStartTheJvmWithTheSameOptions() throws IOException {
		String image = Files.readString(Path.of("docker/java-options")).trim();
		Matcher run = Pattern.compile("<jvmArguments>([^<]*)</jvmArguments>").matcher(Files.readString(Path.of("pom.xml")));
		assertThat(run.find()).as("pom.xml sets the run command's jvmArguments").isTrue();
		assertThat(run.group(1).trim()).isEqualTo(image);
		assertThat(image).as("a bounded heap").containsPattern("-Xmx\\d+m");
	}
}
