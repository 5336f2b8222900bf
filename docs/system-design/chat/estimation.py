# %% [markdown]
# # Chat and real-time messaging: the estimate
#
# Being written (issue 12).

# %%
print(1 + 1)
