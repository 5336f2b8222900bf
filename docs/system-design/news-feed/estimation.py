# %% [markdown]
# # News feed (Twitter): the estimate
#
# Being written (issue 12).

# %%
print(1 + 1)
