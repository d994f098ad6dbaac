# Concordat's production image: `concordat serve` (gunicorn) by default; the same image runs `concordat worker`,
# `concordat migrate` and `concordat backup`. See docs/deploying.md. Build: docker build -t concordat .
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CONCORDAT_VAR_DIR=/var/lib/concordat \
    WEB_BIND=0.0.0.0:8000

# WeasyPrint (PDF reports) needs Pango and HarfBuzz's subsetter, and fonts to draw with.
# postgresql-client gives pg_dump/pg_restore for `concordat backup`/`restore`: its major version must be at
# least the server's (bookworm ships 15; add the PGDG apt repository for a newer server).
# Reading legacy Word .doc returns also needs LibreOffice: add libreoffice-writer-nogui (about 260 MB).
# Scanned PDF returns are read by OCR: pdftoppm (poppler-utils) and Tesseract with English (decision 0106).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 \
        postgresql-client poppler-utils tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --create-home --home-dir /home/concordat concordat \
    && mkdir -p /var/lib/concordat/files \
    && chown -R concordat:concordat /var/lib/concordat

WORKDIR /app
COPY pyproject.toml README.md ./
COPY concordat ./concordat
RUN pip install . && rm -rf /app/build

# Static files are collected (and compressed) into the image; uploaded files live on the volume at
# /var/lib/concordat/files (or in object storage: docs/deploying.md).
USER concordat
RUN concordat collectstatic --noinput --verbosity 0

EXPOSE 8000
STOPSIGNAL SIGTERM
CMD ["concordat", "serve"]
