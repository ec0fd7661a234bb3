package com.xorstack.metrics.alerting;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends a notification as a plain-text email through the {@code spring.mail.*} SMTP
 * server. JavaMail blocks, so the send runs on the bounded elastic scheduler.
 */
@Component
class MailNotifier {

	private final @Nullable JavaMailSender mail;

	private final AlertingProperties properties;

	MailNotifier(ObjectProvider<JavaMailSender> mail, AlertingProperties properties) {
		this.mail = mail.getIfAvailable();
		this.properties = properties;
	}

	Mono<Void> send(String to, AlertGroup group, long delivery) {
		JavaMailSender sender = this.mail;
		if (sender == null) {
			return Mono.error(new IllegalStateException("no SMTP server is configured (spring.mail.host)"));
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(to);
		// one line: a rule name cannot add header lines
		message.setSubject(group.headline(Markup::plain));
		StringBuilder text = new StringBuilder(group.summary()).append("\n\nNotification ")
			.append(group.notificationId())
			.append(", delivery ")
			.append(delivery)
			.append(".\n");
		group.alerts()
			.forEach((alert) -> text.append("Alert ")
				.append(alert.id())
				.append(" at ")
				.append(alert.at())
				.append(": acknowledge with POST /api/admin/alerts/")
				.append(alert.id())
				.append("/ack\n"));
		message.setText(text.toString());
		return Mono.fromRunnable(() -> sender.send(message)).subscribeOn(Schedulers.boundedElastic()).then();
	}

}
