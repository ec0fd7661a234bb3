package com.xorstack.platform.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ApiProblemHandlerTests {

	private final WebTestClient client = WebTestClient.bindToController(new Failing())
		.controllerAdvice(new ProblemAdvice())
		.build();

	@Test
	void anUnexpectedErrorIsA500ProblemAndLogged(CapturedOutput output) {
		this.client.get()
			.uri("/broken")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Something went wrong on our side; it has been logged.");
		assertThat(output).contains("Unexpected error").contains("the database fell over");
	}

	@Test
	void aClientThatWentAwayIsNoErrorOfOurs(CapturedOutput output) {
		this.client.get()
			.uri("/gone")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isNotEqualTo(500));
		assertThat(output).doesNotContain("Unexpected error");
	}

	/** As each service registers it. */
	@RestControllerAdvice
	static class ProblemAdvice extends ApiProblemHandler {

	}

	@RestController
	static class Failing {

		@GetMapping("/broken")
		Mono<String> broken() {
			return Mono.error(new IllegalStateException("the database fell over"));
		}

		@GetMapping("/gone")
		Mono<String> gone() {
			return Mono.error(new AbortedException("Connection has been closed BEFORE send operation"));
		}

	}

}
