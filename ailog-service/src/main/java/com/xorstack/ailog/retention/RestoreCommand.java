package com.xorstack.ailog.retention;

import java.nio.file.Path;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar ailog-service.jar --restore=<manifest>}: restores one archive and
 * exits (see {@code AilogServiceApplication}).
 */
@Component
@ConditionalOnProperty("restore")
class RestoreCommand implements ApplicationRunner {

	private final ArchiveRestorer restorer;

	RestoreCommand(ArchiveRestorer restorer) {
		this.restorer = restorer;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String manifest : args.getOptionValues("restore")) {
			long rows = this.restorer.restore(Path.of(manifest));
			System.out.printf("Restored %d rows from %s%n", rows, manifest);
		}
	}

}
