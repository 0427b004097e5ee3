# syntax=docker/dockerfile:1
# One recipe for every service; pick which with SERVICE:
#   docker build --build-arg SERVICE=booking -t pacjent-booking .
# docker-compose.yml builds one image per service from it.

# Only the package manifests, so `npm ci` below is cached until a dependency changes.
FROM node:22-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find libs services apps -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false NX_DAEMON=false CI=true
# package-lock.json is written by npm 11; the image ships npm 10.
RUN npm install -g npm@11 --no-audit --no-fund
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY . .
# Services, libraries and the patient web app (served by the gateway), then drop dev dependencies.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Only what a service needs at run time; owned by root, so the service cannot change its own code.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/services ./services
COPY --from=build /app/apps ./apps
ARG SERVICE
ENV SERVICE=${SERVICE}
USER node
EXPOSE 3000
# exec replaces the shell: node itself receives SIGTERM and Nest shuts down cleanly.
CMD ["sh", "-c", "exec node services/${SERVICE:?set SERVICE to gateway, identity, booking, files, prescriptions, consultations or mock-bank}/dist/main.js"]
