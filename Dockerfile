# One image for the three services, the Temporal worker and the web app; each Deployment picks its entry point
# (infra/k8s). Build from the repository root: docker build -t sozialraum:<version> .
# Node 22 LTS (supported until April 2027); scripts/test-node-lts.sh runs the tests on the same version.
FROM node:22.20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@sozialraum/monitoring --filter=@sozialraum/strategy --filter=@sozialraum/measures --filter=@sozialraum/workflows --filter=@sozialraum/web \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Only what runs: package manifests, production node_modules, built code, OpenAPI documents and migrations.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/services ./services
COPY --from=build /app/workflows ./workflows
COPY --from=build /app/apps ./apps
USER 1000:1000
CMD ["node", "services/monitoring/dist/index.js"]
