# syntax=docker/dockerfile:1
# One image per service, built from source: docker build --build-arg MODULE=feedback-service .
# (docker-compose.yml builds all five; deploy/images/build-push.sh builds, tags and pushes them
# for Kubernetes). Three stages: build with the Maven wrapper on a JDK, split the Boot jar into
# layers, run on a JRE as a non-root user with the OpenTelemetry agent.

# JDK 25, the one the benchmarks ran on (docs/BENCHMARKS.md); the code targets Java 21.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
# gateway, feedback-service, metrics-service, ailog-service or auth-service
ARG MODULE
# Keep in step with opentelemetry-javaagent.version in pom.xml
ARG OTEL_AGENT_VERSION=2.31.1
WORKDIR /src
COPY . .
# The module and what it needs; the tests run in CI, not in the image build. The agent comes
# from Maven Central through Maven, like every other artifact of the build.
RUN --mount=type=cache,target=/root/.m2 \
	test -n "${MODULE}" && test -f "${MODULE}/pom.xml" \
	&& ./mvnw --batch-mode --no-transfer-progress -pl "${MODULE}" -am -Dmaven.test.skip=true \
		-Dspring-javaformat.skip=true package \
	&& cp "${MODULE}/target/${MODULE}-"*-exec.jar /app.jar \
	&& ./mvnw --batch-mode --no-transfer-progress dependency:copy \
		-Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:${OTEL_AGENT_VERSION}" \
		-Dmdep.stripVersion=true -DoutputDirectory=/agent

FROM ${JDK_IMAGE} AS layers
WORKDIR /layers
COPY --from=build /app.jar app.jar
# dependencies, spring-boot-loader, snapshot-dependencies, application: the first ones change
# least, so a rebuild after a code change ships only the last layer
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
ARG MODULE
# the archive volumes (docker-compose.yml) take these directories' owner when first made
RUN groupadd --system --gid 10001 xorstack \
	&& useradd --system --uid 10001 --gid xorstack --home-dir /app --shell /usr/sbin/nologin xorstack \
	&& install -d -o 10001 -g 10001 /var/lib/xorstack/ailog-archive /var/lib/xorstack/audit-archive
WORKDIR /app
COPY --from=build /agent/opentelemetry-javaagent.jar /opt/opentelemetry/opentelemetry-javaagent.jar
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# The heap follows the container's memory limit, with the collector the benchmarks ran with
# (-XX:+UseParallelGC; without it a container of one CPU or under 1792 MB gets SerialGC).
# glibc keeps memory freed by Netty's, Kafka's and the agent's threads in up to eight arenas
# per core; two arenas and a trim every 10 s hand it back (issue #25, docs/BENCHMARKS.md).
ENV OTEL_SERVICE_NAME=${MODULE} \
	MALLOC_ARENA_MAX=2 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=65 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=10000"
ENTRYPOINT ["java", "-javaagent:/opt/opentelemetry/opentelemetry-javaagent.jar", \
	"org.springframework.boot.loader.launch.JarLauncher"]
