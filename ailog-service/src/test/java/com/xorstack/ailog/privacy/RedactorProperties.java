package com.xorstack.ailog.privacy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorProperties {

	private final Redactor redactor = Redactor.withDefaults();

	@Property(tries = 50)
	void probe(@ForAll String text) {
		assertThat(this.redactor.preview(text).length()).isLessThanOrEqualTo(500);
	}

}
