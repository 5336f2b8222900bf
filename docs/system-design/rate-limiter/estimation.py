# %% [markdown]
# # Rate limiter as a service: the estimate
#
# Being written (issue 12).

# %%
print(1 + 1)
