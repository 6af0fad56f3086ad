package dev.portguard.holder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandLines}: secrets in the forms command lines carry them, and the bound on length.
 */
class CommandLinesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"java -jar app.jar --api-key=k3y --port=1|java -jar app.jar --api-key=****** --port=1",
			"app --password s3cret --verbose|app --password ****** --verbose",
			"app --db-pass=s3cret|app --db-pass=******",
			"app --pass s3cret|app --pass ******",
			"java -Dspring.datasource.password=s3cret -jar a.jar|java -Dspring.datasource.password=****** -jar a.jar",
			"mysql -uroot -ps3cret db|mysql -uroot -p****** db",
			"/usr/bin/mariadb-dump -ps3cret db|/usr/bin/mariadb-dump -p****** db",
			"psql postgres://user:s3cret@db:5432/x|psql postgres://user:******@db:5432/x",
			"app --url=jdbc:postgresql://user:s3cret@h/db|app --url=jdbc:postgresql://user:******@h/db",
			"curl -H Authorization: Bearer t0ken http://x|curl -H Authorization: Bearer ****** http://x",
			"curl -H Authorization: Basic dXNlcjpw http://x|curl -H Authorization: Basic ****** http://x",
			"app --token=t0ken --client-secret: s3cret|app --token=****** --client-secret: ******",
			"redis-server --requirepass s3cret|redis-server --requirepass ******",
			"app PGPASSWORD=s3cret|app PGPASSWORD=******",
			"app --url=jdbc:postgresql://h/db?user=app&password=s3cret&ssl=true|app --url=jdbc:postgresql://h/db?user=app&password=******&ssl=true",
			"app jdbc:mysql://h/db?secret=s3cret|app jdbc:mysql://h/db?secret=******",
			"app --aws-access-key-id=AKIA --private-key=/k|app --aws-access-key-id=****** --private-key=******" })
	void secretsAreMasked(String commandLine, String masked) {
		assertThat(CommandLines.mask(commandLine)).isEqualTo(masked);
		assertThat(CommandLines.keep(commandLine)).doesNotContain("s3cret", "k3y", "t0ken", "dXNlcjpw", "AKIA");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "docker-proxy -proto tcp -host-port 8080", "python3 app.py -psecret-looking",
			"docker run -p8080:80 -p127.0.0.1:9090:90/tcp busybox", "ssh -p22 host",
			"python3 -m http.server 8080 --bind 127.0.0.1", "java -cp a.jar:b.jar com.example.Main --server.port=1",
			"app --url=http://example.com:8080/path", "app --url=http://example.com/search?q=1&page=2" })
	void ordinaryArgumentsAreKept(String commandLine) {
		assertThat(CommandLines.mask(commandLine)).isEqualTo(commandLine);
	}

	@Test
	void aLongCommandLineKeepsItsStartAndItsEndWithinTheBound() {
		String classPath = "x".repeat(300_000);
		String commandLine = "/usr/bin/java -cp " + classPath + " com.example.OrdersApplication --password=s3cret";
		String kept = CommandLines.keep(commandLine);
		assertThat(kept).hasSize(CommandLines.MAX_LENGTH)
			.startsWith("/usr/bin/java -cp xxx")
			.contains(CommandLines.CUT)
			.endsWith("com.example.OrdersApplication --password=******");
		assertThat(CommandLines.keep(kept)).isEqualTo(kept);
	}

	@Test
	void maskingTwiceChangesNothing() {
		String once = CommandLines.mask("app --password s3cret -ps3cret postgres://u:s3cret@h --token=s3cret");
		assertThat(CommandLines.mask(once)).isEqualTo(once);
	}

	@Test
	void aHolderBoundsWhatItKeeps() {
		PortHolder holder = new PortHolder(1, "n".repeat(5000), "/p".repeat(3000), "a --secret=s3cret " + "b".repeat(9000),
				"u".repeat(2000), null, "127.0.0.1:1", null);
		assertThat(holder.name()).hasSize(PortHolder.MAX_TEXT);
		assertThat(holder.executable()).hasSize(PortHolder.MAX_TEXT);
		assertThat(holder.user()).hasSize(PortHolder.MAX_TEXT);
		assertThat(holder.commandLine()).hasSize(CommandLines.MAX_LENGTH).startsWith("a --secret=****** bbb");
	}

}
