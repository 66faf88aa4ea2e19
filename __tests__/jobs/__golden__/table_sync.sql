-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Table sync (disaster recovery)
-- MAGIC
-- MAGIC Deep-clones every table of `rtl_prod_primary` (the primary's share) into `rtl_proddr`. Each clone copies only
-- MAGIC the files added since the last one and lands one version of its source; the tables are consistent
-- MAGIC each on its own, not with each other. docs/disaster-recovery.md has the failover runbook.

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.bronze.customers DEEP CLONE rtl_prod_primary.bronze.customers;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.bronze.orders DEEP CLONE rtl_prod_primary.bronze.orders;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.bronze.payments DEEP CLONE rtl_prod_primary.bronze.payments;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.bronze.products DEEP CLONE rtl_prod_primary.bronze.products;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.customers DEEP CLONE rtl_prod_primary.silver.customers;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.customers_quarantine DEEP CLONE rtl_prod_primary.silver.customers_quarantine;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.orders DEEP CLONE rtl_prod_primary.silver.orders;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.orders_quarantine DEEP CLONE rtl_prod_primary.silver.orders_quarantine;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.payments DEEP CLONE rtl_prod_primary.silver.payments;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.payments_quarantine DEEP CLONE rtl_prod_primary.silver.payments_quarantine;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.products DEEP CLONE rtl_prod_primary.silver.products;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.products_quarantine DEEP CLONE rtl_prod_primary.silver.products_quarantine;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.quality_results DEEP CLONE rtl_prod_primary.silver.quality_results;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.gold.customer_value DEEP CLONE rtl_prod_primary.gold.customer_value;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.gold.daily_sales DEEP CLONE rtl_prod_primary.gold.daily_sales;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.gold.payment_mix DEEP CLONE rtl_prod_primary.gold.payment_mix;

-- COMMAND ----------

CREATE OR REPLACE TABLE rtl_proddr.silver.expectation_results DEEP CLONE rtl_prod_primary.silver.expectation_results;
