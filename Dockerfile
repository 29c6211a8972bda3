# Strongroom: a local AWS Secrets Manager and KMS.
#   docker build -t strongroom .
#   docker run --rm -p 127.0.0.1:4584:4584 -v strongroom-data:/data strongroom
# LocalStack compatibility is on (docs/migrating-from-localstack.md): it also listens on 4566,
# the port LocalStack's users and the Testcontainers modules expect.

# Build: the dev dependencies (TypeScript, the AWS SDK types) compile src/ to dist/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies only, the build output, the protocol models, the fixtures,
# the rotation-function bootstraps.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY protocol ./protocol
COPY fixtures ./fixtures
# The bootstraps that run seed-declared rotation functions (Node.js here; Python needs an image
# with python3, e.g. one built FROM this one with `apt-get install python3`).
COPY runtime ./runtime
# At LocalStack's entrypoint path (node's image has its own there): testcontainers-java runs it.
COPY docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh && mkdir -p /data && chown node:node /data
USER node
ENV STRONGROOM_HOST=0.0.0.0 STRONGROOM_DATA_DIR=/data
# Fewer malloc arenas for LevelDB's and libuv's threads: 1.5–2 MiB less idle memory (bench/RESULTS.md).
ENV MALLOC_ARENA_MAX=2
VOLUME /data
EXPOSE 4584 4566
# The slim image has no curl: node itself asks the health route.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.STRONGROOM_PORT || 4584}/_strongroom/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "dist/cli.js"]
