"""The fixed logic of the generated pipeline. Each notebook holds its dataset's configuration (data
generated from the spec) and one call into a layer module: bronze, silver, gold or maintenance."""
